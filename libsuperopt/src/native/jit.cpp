// The JIT back end: one process-wide asmjit runtime (thread-safe); each kernel is
// assembled with x86::Assembler, one machine instruction per program instruction,
// and its code is released when its owner dies.
#include "superopt/native/jit.hpp"

#include "superopt/core/rules.hpp"

#include <asmjit/x86.h>

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <utility>
#include <vector>

namespace superopt {

namespace {

namespace x86 = asmjit::x86;

// Register k of the program: the same physical register as registerName(k, ...).
constexpr uint32_t kPhysical[kGeneralRegisters] = {0, 1, 2,  6,  8,  9,  10, 11,
                                                   3, 5, 12, 13, 14, 15, 7};

x86::Gp machineRegister(int reg, int size, bool high = false) {
    const uint32_t id = kPhysical[reg];
    if (high) return x86::gpb_hi(id);
    switch (size) {
    case 1:
        return x86::gpb_lo(id);
    case 2:
        return x86::gpw(id);
    case 8:
        return x86::gpq(id);
    default:
        return x86::gpd(id);
    }
}

// asmjit's instruction of each opcode, in Op order (three-operand imul is imul; a
// 32-to-64-bit movsx is movsxd, see instructionId).
// clang-format off
constexpr asmjit::InstId kInstIds[kOpCount] = {
    x86::Inst::kIdMov, x86::Inst::kIdCmp, x86::Inst::kIdCmovl, x86::Inst::kIdCmovg,
    x86::Inst::kIdCmovle, x86::Inst::kIdCmovge, x86::Inst::kIdCmove, x86::Inst::kIdCmovne,
    x86::Inst::kIdJmp, x86::Inst::kIdJe, x86::Inst::kIdJne, x86::Inst::kIdJl, x86::Inst::kIdJle,
    x86::Inst::kIdJg, x86::Inst::kIdJge, x86::Inst::kIdNone /* Label */,
    x86::Inst::kIdAdd, x86::Inst::kIdSub, x86::Inst::kIdAnd, x86::Inst::kIdOr, x86::Inst::kIdXor,
    x86::Inst::kIdNot, x86::Inst::kIdNeg, x86::Inst::kIdInc, x86::Inst::kIdDec,
    x86::Inst::kIdShl, x86::Inst::kIdShr, x86::Inst::kIdSar, x86::Inst::kIdRol, x86::Inst::kIdRor,
    x86::Inst::kIdImul, x86::Inst::kIdImul, x86::Inst::kIdLea, x86::Inst::kIdTest,
    x86::Inst::kIdMovzx, x86::Inst::kIdMovsx, x86::Inst::kIdAdc, x86::Inst::kIdSbb,
    x86::Inst::kIdCdq, x86::Inst::kIdCqo, x86::Inst::kIdDiv, x86::Inst::kIdIdiv,
    x86::Inst::kIdBsf, x86::Inst::kIdBsr, x86::Inst::kIdBswap, x86::Inst::kIdPopcnt,
    x86::Inst::kIdLzcnt, x86::Inst::kIdTzcnt, x86::Inst::kIdAndn, x86::Inst::kIdBlsi,
    x86::Inst::kIdBlsr, x86::Inst::kIdBlsmsk,
    x86::Inst::kIdCmovb, x86::Inst::kIdCmovae, x86::Inst::kIdCmovbe, x86::Inst::kIdCmova,
    x86::Inst::kIdCmovs, x86::Inst::kIdCmovns, x86::Inst::kIdCmovo, x86::Inst::kIdCmovno,
    x86::Inst::kIdCmovp, x86::Inst::kIdCmovnp,
    x86::Inst::kIdJb, x86::Inst::kIdJae, x86::Inst::kIdJbe, x86::Inst::kIdJa, x86::Inst::kIdJs,
    x86::Inst::kIdJns, x86::Inst::kIdJo, x86::Inst::kIdJno, x86::Inst::kIdJp, x86::Inst::kIdJnp,
    x86::Inst::kIdSeto, x86::Inst::kIdSetno, x86::Inst::kIdSetb, x86::Inst::kIdSetae,
    x86::Inst::kIdSete, x86::Inst::kIdSetne, x86::Inst::kIdSetbe, x86::Inst::kIdSeta,
    x86::Inst::kIdSets, x86::Inst::kIdSetns, x86::Inst::kIdSetp, x86::Inst::kIdSetnp,
    x86::Inst::kIdSetl, x86::Inst::kIdSetge, x86::Inst::kIdSetle, x86::Inst::kIdSetg};
// clang-format on

asmjit::InstId instructionId(const Instruction& in) {
    if (in.op == Op::Movsx && in.src.size == 4) return x86::Inst::kIdMovsxd;
    return kInstIds[static_cast<int>(in.op)];
}

// Never destroyed, so kernels in static storage may outlive everything else.
asmjit::JitRuntime& runtime() {
    static auto* rt = new asmjit::JitRuntime();
    return *rt;
}

void check(asmjit::Error err, const char* what) {
    if (err != asmjit::kErrorOk)
        throw std::runtime_error(std::string("jit: ") + what + ": " +
                                 asmjit::DebugUtils::errorAsString(err));
}

asmjit::Operand machineOperand(const Operand& o, const std::vector<asmjit::Label>& labels) {
    switch (o.kind) {
    case kReg:
        return machineRegister(o.value, o.size, o.high);
    case kMem:
        return x86::dword_ptr(x86::rdi, 4 * o.value);
    case kImm:
        return asmjit::Imm(o.value);
    case kLabel:
        return labels[o.value];
    case kAddr: {
        const uint32_t size = o.size;
        if (o.isStack()) return x86::ptr(x86::rsp, o.value, size);
        const int shift = o.scale == 8 ? 3 : o.scale == 4 ? 2 : o.scale == 2 ? 1 : 0;
        if (o.index < 0) return x86::ptr(machineRegister(o.base, 8), o.value, size);
        if (o.base < 0)
            return x86::ptr(uint64_t(0), machineRegister(o.index, 8), shift, size); // no base
        return x86::ptr(machineRegister(o.base, 8), machineRegister(o.index, 8), shift, o.value,
                        size);
    }
    default:
        throw std::logic_error("jit: operand of no kind");
    }
}

// One program instruction as one machine instruction, in Intel operand order.
void emitInstruction(x86::Assembler& a, const Instruction& in,
                     const std::vector<asmjit::Label>& labels) {
    const OpcodeInfo& oi = info(in.op);
    const asmjit::InstId id = instructionId(in);
    auto op = [&](const Operand& o) { return machineOperand(o, labels); };
    const char* what = oi.name.data();
    if (oi.family == Family::Label)
        check(a.bind(labels[in.dst.value]), "label");
    else if (oi.family == Family::Jump)
        check(a.emit(id, labels[in.dst.value]), what);
    else if (in.op == Op::Cdq)
        check(a.emit(id, x86::edx, x86::eax), what);
    else if (in.op == Op::Cqo)
        check(a.emit(id, x86::rdx, x86::rax), what);
    else if (in.op == Op::Div || in.op == Op::Idiv)
        check(a.emit(id, machineRegister(2, in.src.size), machineRegister(0, in.src.size),
                     op(in.src)),
              what);
    else if (in.op == Op::Imul3) // AT&T `imul $imm, src2, dst`
        check(a.emit(id, op(in.dst), op(in.src2), op(in.src)), what);
    else if (in.op == Op::Andn) // AT&T `andn src, src2, dst`: dst = ~src2 & src
        check(a.emit(id, op(in.dst), op(in.src2), op(in.src)), what);
    else if (in.src.kind == kNone) // one operand: not, neg, inc, dec, bswap, setcc
        check(a.emit(id, op(in.dst)), what);
    else
        check(a.emit(id, op(in.dst), op(in.src)), what);
}

// The program's instructions, one machine instruction each, with its labels.
void emitCode(x86::Assembler& a, const Program& p) {
    std::vector<asmjit::Label> labels;
    for (size_t i = 0; i < p.labelNames.size(); ++i) labels.push_back(a.newLabel());
    for (const auto& in : p.code) emitInstruction(a, in, labels);
}

// The program's code between the save and restore of the callee-saved registers it
// uses, then `ret`.
void assemble(x86::Assembler& a, const Program& p) {
    std::vector<x86::Gp> saved;
    for (int r : p.calleeSaved()) saved.push_back(machineRegister(r, 8));
    const Program body = afterPushes(p, static_cast<int>(saved.size()));
    for (const auto& r : saved) check(a.push(r), "push");
    emitCode(a, body);
    for (auto r = saved.rbegin(); r != saved.rend(); ++r) check(a.pop(*r), "pop");
    check(a.ret(), "ret");
}

// Offsets in NativeFrame.
constexpr int kFlagsOffset = 8 * kGeneralRegisters;
constexpr int kEntryOffset = kFlagsOffset + 8;

// The harness around a general program: switches to the frame's stack (whose entry
// slot keeps the frame's address, the next one the caller's stack pointer), loads the
// flags and every register from the frame, runs the code, and stores them back.
void assembleHarness(x86::Assembler& a, const Program& p) {
    for (int r : {8, 9, 10, 11, 12, 13}) check(a.push(machineRegister(r, 8)), "push");
    check(a.mov(x86::rax, x86::qword_ptr(x86::rdi, kEntryOffset)), "mov");
    check(a.mov(x86::qword_ptr(x86::rax), x86::rdi), "mov");
    check(a.mov(x86::qword_ptr(x86::rax, 8), x86::rsp), "mov");
    check(a.lea(x86::rsp, x86::ptr(x86::rax, 24)), "lea"); // push/pop above the entry slot
    check(a.push(x86::qword_ptr(x86::rdi, kFlagsOffset)), "push");
    check(a.popfq(), "popfq");
    check(a.lea(x86::rsp, x86::ptr(x86::rsp, -24)), "lea"); // the entry stack pointer
    for (int r = 0; r < kGeneralRegisters; ++r)
        if (r != kRdi) check(a.mov(machineRegister(r, 8), x86::qword_ptr(x86::rdi, 8 * r)), "mov");
    check(a.mov(x86::rdi, x86::qword_ptr(x86::rdi, 8 * kRdi)), "mov");
    emitCode(a, p);
    check(a.mov(x86::qword_ptr(x86::rsp, 24), x86::rax), "mov");
    check(a.mov(x86::rax, x86::qword_ptr(x86::rsp)), "mov");
    for (int r = 1; r < kGeneralRegisters; ++r)
        check(a.mov(x86::qword_ptr(x86::rax, 8 * r), machineRegister(r, 8)), "mov");
    check(a.mov(x86::rcx, x86::qword_ptr(x86::rsp, 24)), "mov");
    check(a.mov(x86::qword_ptr(x86::rax), x86::rcx), "mov");
    check(a.lea(x86::rsp, x86::ptr(x86::rsp, 24)), "lea");
    check(a.pushfq(), "pushfq");
    check(a.pop(x86::rcx), "pop");
    check(a.mov(x86::qword_ptr(x86::rax, kFlagsOffset), x86::rcx), "mov");
    check(a.mov(x86::rsp, x86::qword_ptr(x86::rsp, -16)), "mov");
    for (int r : {13, 12, 11, 10, 9, 8}) check(a.pop(machineRegister(r, 8)), "pop");
    check(a.ret(), "ret");
}

// Assembles code with `emit` into the runtime, aligned to kKernelAlignment.
template <class Emit> NativeCode addCode(Emit emit) {
    asmjit::CodeHolder code;
    check(code.init(runtime().environment()), "init");
    x86::Assembler a(&code);
    emit(a);
    void* fn = nullptr;
    check(runtime().add(&fn, &code), "add");
    NativeCode out(fn);
    if (reinterpret_cast<uintptr_t>(fn) % kKernelAlignment != 0)
        throw std::runtime_error("jit: code not aligned to " + std::to_string(kKernelAlignment) +
                                 " bytes");
    return out;
}

// Throws std::invalid_argument when this CPU lacks an extension `p` uses.
void checkExtensions(const Program& p) {
    for (const auto& in : p.code)
        if (!cpuHasExtension(extensionOf(in.op)))
            throw std::invalid_argument("this CPU lacks " + std::string(extensionOf(in.op)) +
                                        " for " + std::string(info(in.op).name));
}

} // namespace

std::optional<std::string> jitRefusal(const Program& p, const Task& task) {
    if (auto v = checkVerifiable(p, task, nullptr)) return describe(*v, p);
    return std::nullopt;
}

void ReleaseCode::operator()(void* code) const {
    runtime().release(code);
}

JitKernel JitKernel::compile(const Program& p, const Task& task) {
    if (auto why = jitRefusal(p, task))
        throw std::invalid_argument("cannot compile for " + task.name() + ": " + *why);
    size_t size = 0;
    NativeCode code = addCode([&](x86::Assembler& a) {
        assemble(a, p);
        size = a.code()->codeSize();
    });
    return JitKernel(std::move(code), size);
}

JitTarget JitTarget::compile(const Program& p) {
    checkExtensions(p);
    for (const auto& in : p.code)
        for (const Operand* o : {&in.src, &in.dst, &in.src2})
            if (o->kind == kMem || (o->kind == kAddr && !o->isStack() && in.op != Op::Lea))
                throw std::invalid_argument("cannot compile as a function: " + toString(in, p) +
                                            " reads memory other than the stack frame");
    return JitTarget(addCode([&](x86::Assembler& a) { assemble(a, p); }));
}

namespace {

// What the harness reads and writes (kFlagsOffset, kEntryOffset): the registers, the
// flags, the entry stack pointer, and the stack it points into.
struct NativeFrame {
    uint64_t regs[kGeneralRegisters];
    uint64_t flags;
    uint64_t entry;
    alignas(16) uint8_t stack[512];
};
static_assert(offsetof(NativeFrame, flags) == kFlagsOffset);
static_assert(offsetof(NativeFrame, entry) == kEntryOffset);

} // namespace

bool cpuHasExtension(std::string_view extension) {
    const auto& f = asmjit::CpuInfo::host().features().x86();
    if (extension == "popcnt") return f.hasPOPCNT();
    if (extension == "lzcnt") return f.hasLZCNT();
    if (extension == "bmi1") return f.hasBMI();
    return extension.empty();
}

JitFunction JitFunction::compile(const Program& p) {
    checkExtensions(p);
    JitFunction f;
    f.code_ = addCode([&](x86::Assembler& a) { assembleHarness(a, p); });
    return f;
}

CpuState JitFunction::run(const CpuState& in) const {
    NativeFrame frame{};
    std::copy(in.regs.begin(), in.regs.end(), frame.regs);
    frame.flags = (in.flags & kArithmeticFlags) | 0x202; // bit 1 is always set; IF stays on
    uint8_t* entry = frame.stack + 256;
    frame.entry = reinterpret_cast<uint64_t>(entry);
    std::copy(in.stack.begin(), in.stack.end(), entry - kRedZone);
    reinterpret_cast<void (*)(NativeFrame*)>(code_.get())(&frame);
    CpuState out;
    std::copy(frame.regs, frame.regs + kGeneralRegisters, out.regs.begin());
    out.defined.fill(~uint64_t{0});
    out.flags = static_cast<uint32_t>(frame.flags) & kArithmeticFlags;
    out.definedFlags = kArithmeticFlags;
    std::copy(entry - kRedZone, entry, out.stack.begin());
    out.stackDefined.fill(1);
    return out;
}

} // namespace superopt
