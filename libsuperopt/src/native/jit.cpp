// The JIT back end: one process-wide asmjit runtime (thread-safe); each kernel is
// assembled with x86::Assembler, one machine instruction per program instruction,
// and its code is released when its owner dies.
#include "superopt/native/jit.hpp"

#include "superopt/core/rules.hpp"

#include <asmjit/x86.h>

#include <stdexcept>
#include <utility>
#include <vector>

namespace superopt {

namespace {

namespace x86 = asmjit::x86;

// Register k of the program: the same physical register as kRegisterNames[k].
const x86::Gp kRegisters[kMaxRegisters] = {x86::eax,  x86::ecx,  x86::edx,  x86::esi, x86::r8d,
                                           x86::r9d,  x86::r10d, x86::r11d, x86::ebx, x86::ebp,
                                           x86::r12d, x86::r13d, x86::r14d, x86::r15d};

asmjit::InstId instructionId(Op op) {
    switch (op) {
    case Op::Mov:
        return x86::Inst::kIdMov;
    case Op::Cmp:
        return x86::Inst::kIdCmp;
    case Op::Cmovl:
        return x86::Inst::kIdCmovl;
    case Op::Cmovg:
        return x86::Inst::kIdCmovg;
    case Op::Cmovle:
        return x86::Inst::kIdCmovle;
    case Op::Cmovge:
        return x86::Inst::kIdCmovge;
    case Op::Cmove:
        return x86::Inst::kIdCmove;
    case Op::Cmovne:
        return x86::Inst::kIdCmovne;
    case Op::Jmp:
        return x86::Inst::kIdJmp;
    case Op::Je:
        return x86::Inst::kIdJe;
    case Op::Jne:
        return x86::Inst::kIdJne;
    case Op::Jl:
        return x86::Inst::kIdJl;
    case Op::Jle:
        return x86::Inst::kIdJle;
    case Op::Jg:
        return x86::Inst::kIdJg;
    case Op::Jge:
        return x86::Inst::kIdJge;
    case Op::Label:
        break;
    }
    throw std::logic_error("no machine instruction for a label");
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
        return kRegisters[o.value];
    case kMem:
        return x86::dword_ptr(x86::rdi, 4 * o.value);
    case kImm:
        return asmjit::Imm(o.value);
    case kLabel:
        return labels[o.value];
    default:
        throw std::logic_error("jit: operand of no kind");
    }
}

// The program's code between the save and restore of the callee-saved registers it uses.
void assemble(x86::Assembler& a, const Program& p) {
    std::vector<asmjit::Label> labels;
    for (size_t i = 0; i < p.labelNames.size(); ++i) labels.push_back(a.newLabel());
    std::vector<x86::Gp> saved;
    for (int r : p.calleeSaved()) saved.push_back(kRegisters[r].r64());
    for (const auto& r : saved) check(a.push(r), "push");
    for (const auto& in : p.code) {
        const OpcodeInfo& oi = info(in.op);
        if (oi.family == Family::Label)
            check(a.bind(labels[in.dst.value]), "label");
        else if (oi.family == Family::Jump)
            check(a.emit(instructionId(in.op), labels[in.dst.value]), oi.name.data());
        else // AT&T `op src, dst` is Intel `op dst, src`
            check(a.emit(instructionId(in.op), machineOperand(in.dst, labels),
                         machineOperand(in.src, labels)),
                  oi.name.data());
    }
    for (auto r = saved.rbegin(); r != saved.rend(); ++r) check(a.pop(*r), "pop");
    check(a.ret(), "ret");
}

} // namespace

std::optional<std::string> jitRefusal(const Program& p, const Task& task) {
    if (auto v = checkVerifiable(p, task, nullptr)) return describe(*v, p);
    return std::nullopt;
}

JitKernel JitKernel::compile(const Program& p, const Task& task) {
    if (auto why = jitRefusal(p, task))
        throw std::invalid_argument("cannot compile for " + task.name() + ": " + *why);
    asmjit::CodeHolder code;
    check(code.init(runtime().environment()), "init");
    x86::Assembler a(&code);
    assemble(a, p);
    KernelFn fn = nullptr;
    check(runtime().add(&fn, &code), "add");
    JitKernel kernel(fn, code.codeSize());
    if (reinterpret_cast<uintptr_t>(fn) % kKernelAlignment != 0)
        throw std::runtime_error("jit: kernel not aligned to " + std::to_string(kKernelAlignment) +
                                 " bytes");
    return kernel;
}

JitKernel::JitKernel(JitKernel&& other) noexcept
    : fn_(std::exchange(other.fn_, nullptr)), size_(std::exchange(other.size_, 0)) {}

JitKernel& JitKernel::operator=(JitKernel&& other) noexcept {
    if (this != &other) {
        if (fn_) runtime().release(fn_);
        fn_ = std::exchange(other.fn_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

JitKernel::~JitKernel() {
    if (fn_) runtime().release(fn_);
}

} // namespace superopt
