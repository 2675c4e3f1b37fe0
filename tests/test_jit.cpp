// The JIT against the emulator, the exported file against both, the refusal of
// malformed and illegal programs, the compiled baselines, and the latency
// measurement's arithmetic (no timing assertions: machines are noisy).
//
// Faulting lanes: the emulator flags a varsort lane that touches a word past its
// length, but still computes it on the whole buffer (those words hold markers). A
// legal program only touches the task's N + 1 words, so each case runs natively on
// the whole N + 1-word buffer ending at a guard page (native::run), and every lane
// is compared, faulting or not, bit for bit.
#include "native_check.hpp"

#include "superopt/core/export.hpp"
#include "superopt/core/files.hpp"
#include "superopt/core/machine.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/native/baselines.hpp"
#include "superopt/native/jit.hpp"
#include "superopt/native/latency.hpp"
#include "superopt/search/sampler.hpp"
#include "superopt/search/transforms.hpp"

#include <catch2/catch.hpp>

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <numeric>

extern "C" uint64_t call_with_markers(void (*fn)(int32_t*), int32_t* buf);
extern "C" void clobber_rbx(int32_t*);

using namespace superopt;

namespace {

const char* const kTasks[] = {"sort3", "sort4", "varsort3", "varsort4"};

// The first word where the native run and the emulator differ, or "".
std::string firstDifference(const std::vector<int32_t>& native, const Machine& m) {
    const TestSet& t = m.tests();
    for (int l = 0; l < t.count; ++l)
        for (int s = 0; s < t.slots; ++s)
            if (native[size_t(s) * t.lanes + l] != m.slot(s)[l])
                return "case " + std::to_string(l) + ", word " + std::to_string(s) + ": native " +
                       std::to_string(native[size_t(s) * t.lanes + l]) + ", emulator " +
                       std::to_string(m.slot(s)[l]);
    return "";
}

// A buffer for the callee-saved harness: the task's words, sorted input irrelevant.
std::vector<int32_t> someBuffer(const Task& task) {
    std::vector<int32_t> buf(task.slots(), 7);
    if (task.lengthSlot() >= 0) buf[task.lengthSlot()] = task.n();
    return buf;
}

int jumpCount(const Program& p) {
    return static_cast<int>(std::count_if(p.code.begin(), p.code.end(), [](const Instruction& in) {
        return info(in.op).family == Family::Jump;
    }));
}

bool usesCalleeSaved(const Program& p) {
    return std::any_of(p.code.begin(), p.code.end(), [](const Instruction& in) {
        return (in.src.kind == kReg && in.src.value >= kFirstCalleeSaved) ||
               (in.dst.kind == kReg && in.dst.value >= kFirstCalleeSaved);
    });
}

struct Generated {
    Task task;
    Program program;
};

// Random legal programs, profile x86, all 14 registers, with and without jumps.
std::vector<Generated> randomPrograms(int perCase, uint64_t seed) {
    std::vector<Generated> out;
    Rng rng(seed);
    for (const char* name : kTasks) {
        const Task task = Task::parse(name);
        const Sampler sampler(task, Profile::X86, kMaxRegisters);
        for (bool jumps : {false, true})
            for (int i = 0; i < perCase; ++i)
                out.push_back({task, sampler.program(rng, 1 + uniform(rng, 40), jumps)});
    }
    return out;
}

} // namespace

TEST_CASE("JIT and emulator agree bit for bit on thousands of random legal programs") {
    int jumping = 0, calleeSaved = 0, faulting = 0, memoryInCmpOrCmov = 0, programs = 0;
    for (const auto& [task, p] : randomPrograms(500, 42)) {
        REQUIRE_FALSE(checkLegal(p, task, Profile::X86));
        const TestSet& set = completeSet(task);
        Machine m(set);
        m.propose(p);
        m.runAll();
        const auto kernel = JitKernel::compile(p, task);
        INFO(task.name() << ":\n" << toText(p));
        REQUIRE(firstDifference(native::run(kernel.function(), set), m) == "");
        auto buf = someBuffer(task);
        REQUIRE(call_with_markers(kernel.function(), buf.data()) == 0);
        ++programs;
        jumping += p.hasJumps();
        calleeSaved += usesCalleeSaved(p);
        faulting += std::any_of(m.fault(), m.fault() + set.count, [](int32_t f) { return f != 0; });
        memoryInCmpOrCmov += std::any_of(p.code.begin(), p.code.end(), [](const Instruction& in) {
            return in.op != Op::Mov && (in.src.kind == kMem || in.dst.kind == kMem);
        });
    }
    // The sample covers what matters, or the test proves little.
    CHECK(programs == 4000);
    CHECK(jumping > 1000);
    CHECK(calleeSaved > 1000);
    CHECK(faulting > 100);
    CHECK(memoryInCmpOrCmov > 1000);
}

TEST_CASE("JIT and emulator agree on the branching programs the search's moves make") {
    Rng rng(11);
    int programs = 0, reshaped = 0;
    for (const char* name : {"varsort3", "varsort4", "varsort5"}) {
        const Task task = Task::parse(name);
        const Sampler sampler(task, Profile::AlphaDev);
        const Transforms moves(sampler, defaultMoveWeights(task), 200);
        const Program start = humanBenchmark(task);
        Program p = start;
        for (int step = 0, taken = 0; taken < 200; ++step) {
            Change c;
            if (!moves.apply(moves.draw(rng), p, rng, c)) continue;
            if (!isLegal(p, task, Profile::AlphaDev)) {
                moves.undo(p, c);
                continue;
            }
            if (step % 7) continue;
            const TestSet& set = completeSet(task);
            Machine m(set);
            m.propose(p);
            m.runAll();
            const auto kernel = JitKernel::compile(p, task);
            INFO(name << ":\n" << toText(p));
            REQUIRE(firstDifference(native::run(kernel.function(), set), m) == "");
            ++programs;
            ++taken;
            reshaped += jumpCount(p) != jumpCount(start);
        }
    }
    CHECK(programs == 600);
    CHECK(reshaped > 100); // the branch moves did change the control flow
}

TEST_CASE(
    "the exported file, assembled by the system assembler, agrees with the JIT and the emulator") {
    const auto programs = randomPrograms(40, 7); // 320 kernels in one file
    const auto dir =
        std::filesystem::temp_directory_path() / ("superopt_jit_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string text;
    for (size_t k = 0; k < programs.size(); ++k)
        text += exportKernel(programs[k].program, "k" + std::to_string(k));
    writeFileAtomic((dir / "kernels.s").string(), text);
    const std::string so = (dir / "kernels.so").string();
    const std::string cmd = "cc -shared -nostdlib -o " + so + " " + (dir / "kernels.s").string();
    REQUIRE(std::system(cmd.c_str()) == 0);
    void* lib = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
    REQUIRE(lib != nullptr);
    for (size_t k = 0; k < programs.size(); ++k) {
        const auto& [task, p] = programs[k];
        auto exported = reinterpret_cast<KernelFn>(dlsym(lib, ("k" + std::to_string(k)).c_str()));
        REQUIRE(exported != nullptr);
        const TestSet& set = completeSet(task);
        Machine m(set);
        m.propose(p);
        m.runAll();
        INFO(task.name() << ":\n" << toText(p));
        const auto native = native::run(exported, set);
        CHECK(firstDifference(native, m) == "");
        CHECK(native == native::run(JitKernel::compile(p, task).function(), set));
        auto buf = someBuffer(task);
        CHECK(call_with_markers(exported, buf.data()) == 0);
    }
    dlclose(lib);
    std::filesystem::remove_all(dir);
}

TEST_CASE("the callee-saved harness sees a kernel that breaks the contract") {
    int32_t buf[4] = {1, 2, 3, 4};
    CHECK(call_with_markers(clobber_rbx, buf) == 1);
}

TEST_CASE("JIT'd human benchmarks sort every weak ordering, from 64-byte aligned addresses") {
    for (const auto& name : Task::names()) {
        const Task task = Task::parse(name);
        const auto a = JitKernel::compile(humanBenchmark(task), task);
        const auto b = JitKernel::compile(humanBenchmark(task), task);
        INFO(name);
        CHECK(native::check(a.function(), task, completeSet(task)) == "");
        CHECK(a.function() != b.function());
        CHECK(reinterpret_cast<uintptr_t>(a.function()) % kKernelAlignment == 0);
        CHECK(reinterpret_cast<uintptr_t>(b.function()) % kKernelAlignment == 0);
        CHECK(a.codeSize() > 0);
    }
}

TEST_CASE("JitKernel moves its code and releases it once") {
    const Task task = Task::parse("sort3");
    auto a = JitKernel::compile(humanBenchmark(task), task);
    const KernelFn fn = a.function();
    JitKernel b = std::move(a);
    CHECK(b.function() == fn);
    CHECK(a.function() == nullptr);
    a = JitKernel::compile(humanBenchmark(task), task);
    a = std::move(b);
    CHECK(a.function() == fn);
    CHECK(native::check(a.function(), task, completeSet(task)) == "");
}

namespace {

// The refusal's text, checking that compile() throws exactly it; "" when accepted.
std::string refusal(const Program& p, const Task& task) {
    const auto why = jitRefusal(p, task);
    if (!why) return "";
    try {
        JitKernel::compile(p, task);
    } catch (const std::invalid_argument& e) {
        CHECK_THAT(e.what(), Catch::Contains(*why));
        return *why;
    }
    FAIL("compile accepted a refused program");
    return *why;
}

Program parsed(const std::string& text) {
    return parseProgram(text);
}

} // namespace

TEST_CASE("malformed and illegal programs are refused with a clear message") {
    const Task sort3 = Task::parse("sort3"), varsort3 = Task::parse("varsort3");
    CHECK(refusal(humanBenchmark(sort3), sort3) == "");

    Program p = parsed("mov (%rdi), %eax\nmov %eax, 4(%rdi)");
    p.code[0].op = static_cast<Op>(200);
    CHECK_THAT(refusal(p, sort3), Catch::Contains("unknown opcode"));
    p = parsed("mov (%rdi), %eax");
    p.code[0].dst.value = 14;
    CHECK_THAT(refusal(p, sort3), Catch::Contains("register number 14 out of range"));
    p.code[0].dst.value = -1;
    CHECK_THAT(refusal(p, sort3), Catch::Contains("register number -1 out of range"));
    p = parsed("mov (%rdi), %eax");
    p.code[0].src.kind = static_cast<OperandKind>(kReg | kMem);
    CHECK_THAT(refusal(p, sort3), Catch::Contains("unknown operand kind"));
    CHECK_THAT(refusal(parsed("mov 12(%rdi), %eax"), sort3), Catch::Contains("outside the buffer"));
    p = parsed("mov (%rdi), %eax");
    p.code[0].src.value = -1;
    CHECK_THAT(refusal(p, sort3), Catch::Contains("outside the buffer"));
    // Reading what the caller left is verify's to decide (test_caller_left.cpp), so the
    // JIT takes it.
    CHECK(refusal(parsed("mov %eax, (%rdi)"), sort3) == "");
    CHECK_THAT(refusal(parsed("mov (%rdi), %eax\ncmp $2, %eax"), sort3),
               Catch::Contains("immediate"));
    CHECK_THAT(refusal(parsed("mov 4(%rdi), %eax\nmov %eax, (%rdi)"), varsort3),
               Catch::Contains("length"));
    p = parsed(".L0:\nmov (%rdi), %eax\ncmp %eax, 4(%rdi)\njl .L1\n.L1:");
    p.code[3].dst = p.code[0].dst; // jl .L0: the parser refuses loops, memory may hold one
    p.code.pop_back();
    CHECK_THAT(refusal(p, sort3), Catch::Contains("only forward jumps"));

    // A jump to a label that exists by name but is never placed.
    p = parsed("mov (%rdi), %eax\ncmp %eax, 4(%rdi)\njl .L0\n.L0:");
    p.code.pop_back();
    CHECK_THAT(refusal(p, sort3), Catch::Contains("never placed"));
    p.code[2].dst.value = 5;
    CHECK_THAT(refusal(p, sort3), Catch::Contains("label number 5 out of range"));
}

TEST_CASE("random and malformed programs never crash: each is refused or runs like the emulator") {
    const OperandKind kinds[] = {
        kNone, kReg, kMem, kImm, kLabel, OperandKind(3), OperandKind(16), OperandKind(255)};
    const int32_t values[] = {0, 1, 2, 3, 4, 7, 8, 13, 14, -1, 1000, INT32_MIN, INT32_MAX};
    Rng rng(99);
    int refused = 0, accepted = 0;
    for (int trial = 0; trial < 20000; ++trial) {
        const Task task = Task::parse(kTasks[trial % 4]);
        const Sampler sampler(task, Profile::X86, kMaxRegisters);
        Program p;
        p.labelNames.resize(uniform(rng, 4));
        for (size_t i = 0; i < p.labelNames.size(); ++i) p.labelNames[i] = ".L" + std::to_string(i);
        const int length = uniform(rng, 12);
        for (int i = 0; i < length; ++i) {
            Instruction in = sampler.instruction(rng);
            if (chance(rng, 0.3)) in.op = static_cast<Op>(uniform(rng, kOpCount + 4));
            if (chance(rng, 0.1)) in.src = {kinds[uniform(rng, 8)], values[uniform(rng, 13)]};
            if (chance(rng, 0.1)) in.dst = {kinds[uniform(rng, 8)], values[uniform(rng, 13)]};
            if (chance(rng, 0.2) && !p.labelNames.empty())
                in = {chance(rng, 0.5) ? Op::Label : Op::Jl,
                      {},
                      Operand::label(uniform(rng, int(p.labelNames.size())))};
            p.code.push_back(in);
        }
        const std::string why = refusal(p, task);
        if (!why.empty()) {
            ++refused;
            continue;
        }
        // What the caller left differs natively (test_caller_left.cpp runs those).
        CallerReads reads;
        checkVerifiable(p, task, &reads);
        if (reads.any()) continue;
        ++accepted;
        Machine m(completeSet(task));
        m.propose(p);
        m.runAll();
        INFO(task.name() << ":\n" << toText(p));
        CHECK(firstDifference(
                  native::run(JitKernel::compile(p, task).function(), completeSet(task)), m) == "");
    }
    CHECK(refused > 5000);
    CHECK(accepted > 1000);
}

TEST_CASE(
    "the compiled baselines sort every weak ordering, on the networks of the human benchmark") {
    for (const auto& name : Task::names()) {
        const Task task = Task::parse(name);
        INFO(name);
        for (const auto& b : baselines(task)) {
            INFO(b.name);
            CHECK(native::check(b.fn, task, completeSet(task)) == "");
        }
    }
    for (int n = 2; n <= 8; ++n) {
        std::vector<std::pair<int, int>> flat;
        for (const auto& layer : sortingNetwork(n).layers)
            flat.insert(flat.end(), layer.begin(), layer.end());
        CHECK(compiledNetwork(n) == flat);
    }
    CHECK_THROWS_AS(compiledNetwork(9), std::invalid_argument);
}

TEST_CASE("order-statistic intervals for the 5th percentile") {
    std::vector<double> samples(1000);
    std::iota(samples.begin(), samples.end(), 1.0);
    std::shuffle(samples.begin(), samples.end(), Rng(3));
    const Latency l = quantileInterval(samples, 0.05, 0.95);
    CHECK(l.cycles == 50);
    // Binomial(1000, 0.05): mean 50, sd 6.9; the 95% ranks are about 37 and 64.
    CHECK(l.low >= 35);
    CHECK(l.low <= 40);
    CHECK(l.high >= 60);
    CHECK(l.high <= 66);
    CHECK(l.coverage >= 0.95);
    CHECK(l.coverage < 0.97);
    CHECK(l.measurements == 1000);
    // Too few samples for 95%: the interval is the widest there is and says so.
    const Latency few = quantileInterval({5, 4, 3, 2, 1}, 0.05, 0.95);
    CHECK(few.cycles == 1);
    CHECK(few.low == 1);
    CHECK(few.coverage < 0.95);
    CHECK_THROWS_AS(quantileInterval({}, 0.05, 0.95), std::invalid_argument);
}

TEST_CASE("latency measurement runs and gives positive, ordered figures") {
    const Task task = Task::parse("varsort3");
    LatencyOptions opt;
    opt.inputs = 1000;
    opt.measurements = 50;
    const auto human = JitKernel::compile(humanBenchmark(task), task);
    const KernelFn kernels[] = {human.function(), stdSort(task)};
    const auto report = measureLatency(kernels, task, opt);
    CHECK_THAT(report.clock, Catch::Contains("rdtsc"));
    CHECK(report.ticksPerNs > 0);
    REQUIRE(report.kernels.size() == 2);
    for (const auto& l : report.kernels) {
        CHECK(l.measurements == 50);
        CHECK(l.cycles > 0);
        CHECK(l.low <= l.cycles);
        CHECK(l.cycles <= l.high);
    }
    const auto self = selfCheck(humanBenchmark(task), task, opt);
    CHECK(self.report.kernels.size() == 2);
    CHECK(self.ratio > 0);
    CHECK_THROWS_AS(measureLatency(std::span<const Program>(), task, LatencyOptions{.inputs = 0}),
                    std::invalid_argument);
}
