// General functions: the Function dialect (what gcc -O0 emits, every register width,
// the frame, stack slots) and the x86 semantics on exact inputs.
#include "superopt/core/program.hpp"
#include "superopt/core/x86_semantics.hpp"

#include "random_functions.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>

using namespace superopt;

namespace {

Program function(const std::string& text, const std::string& symbol = "") {
    return parseProgram(text, "f.s", symbol, Dialect::Function);
}

std::string functionError(const std::string& text) {
    try {
        function(text);
    } catch (const ParseError& e) {
        return e.what();
    }
    return "";
}

// The state with every register defined and zero, and the flags all defined and clear.
CpuState cleanState() {
    CpuState s;
    s.defined.fill(~uint64_t{0});
    s.definedFlags = kArithmeticFlags;
    return s;
}

CpuState runText(const std::string& text, CpuState s = cleanState()) {
    return run(function(text), s);
}

} // namespace

TEST_CASE("gcc -O0 output reads as a function: frame, stack slots, sizes, labels") {
    // gcc 12 -O0 of `int f(int x) { return x ? x & (x - 1) : -1; }`.
    const char* gcc = R"(
	.text
	.globl	f
	.type	f, @function
f:
	pushq	%rbp
	movq	%rsp, %rbp
	movl	%edi, -4(%rbp)
	cmpl	$0, -4(%rbp)
	je	.L2
	movl	-4(%rbp), %eax
	subl	$1, %eax
	andl	-4(%rbp), %eax
	jmp	.L4
.L2:
	movl	$-1, %eax
.L4:
	popq	%rbp
	ret
	.size	f, .-f
)";
    const Program p = function(gcc, "f");
    REQUIRE(p.length() == 8);
    CHECK(p.code[0].src == Operand::reg(kRdi, 4));
    CHECK(p.code[0].dst == Operand::stack(-12, 4)); // -4(%rbp), %rbp = entry - 8
    CHECK(toString(p.code[1], p) == "cmpl $0, -12(%rsp)");
    CHECK(toString(p.code[5], p) == "and -12(%rsp), %eax");
    // Printing and reading back (as a plain instruction list) gives the same program.
    const Program again = function(toText(p));
    CHECK(again.code == p.code);
    CHECK(toText(again) == toText(p));
    CpuState s = cleanState();
    for (auto [x, want] : {std::pair{12u, 8u}, {0u, 0xffffffffu}, {1u, 0u}, {0x80000000u, 0u}}) {
        s.regs[kRdi] = x;
        const CpuState out = run(p, s);
        CHECK(out.get(Operand::reg(0, 4)) == want);
        CHECK(out.isDefined(Operand::reg(0, 4)));
    }
}

TEST_CASE("a jump back to a shared return block goes forward to a copy of it") {
    // gcc 12 -O1 of `int divs(int a, int b) { return b == 0 || (a == INT_MIN && b == -1)
    // ? 0 : a / b; }`.
    const char* gcc = "divs:\n testl %esi, %esi\n je .L13\n cmpl $-2147483648, %edi\n"
                      " jne .L16\n cmpl $-1, %esi\n jne .L16\n movl $0, %esi\n"
                      ".L13:\n movl %esi, %eax\n ret\n"
                      ".L16:\n movl %edi, %eax\n cltd\n idivl %esi\n movl %eax, %esi\n"
                      " jmp .L13\n";
    const Program p = function(gcc, "divs");
    const auto lines = toLines(p);
    CHECK(std::vector<std::string>(lines.end() - 4, lines.end()) ==
          std::vector<std::string>{"jmp .L.tail.1", ".L.tail.1:", "mov %esi, %eax", ".L.ret:"});
    CHECK(p.length() == 15);
    CpuState s = cleanState();
    for (auto [a, b, want] : {std::tuple{-100, 7, -14}, {5, 0, 0}, {INT32_MIN, -1, 0}}) {
        s.regs[kRdi] = static_cast<uint32_t>(a);
        s.regs[3] = static_cast<uint32_t>(b);
        CHECK(static_cast<int32_t>(run(p, s).regs[0]) == want);
    }
    // A jump back into code that does not run straight to `ret` is a loop.
    CHECK_THROWS_WITH(function("f:\n.L1:\n addl $1, %edi\n jne .L2\n ret\n.L2:\n jmp .L1\n", "f"),
                      Catch::Contains("jump back to '.L1' (line 2): loops are outside"));
}

TEST_CASE("every register width, lea, movzx/movsx and implicit operands read and print") {
    const char* text = "movzbl %al, %ecx\nmovslq %edi, %rdx\ncltq\ncqto\nsete %ah\n"
                       "leal 3(%rdi,%rsi,4), %eax\nleaq (,%rcx,8), %r9\nimull $-7, %esi, %r8d\n"
                       "shrl %cl, %eax\nsarl %eax\nandn %esi, %edi, %eax\nsetnp -1(%rsp)\n"
                       "addw $1, %r10w\nnegb %sil\nxorq %rax, %rax\njz 1f\nincl -8(%rsp)\n1:\n";
    const Program p = function(text);
    CHECK(toLines(p) == std::vector<std::string>{
                            "movzbl %al, %ecx", "movslq %edi, %rdx", "movslq %eax, %rax", "cqto",
                            "sete %ah", "lea 3(%rdi,%rsi,4), %eax", "lea (,%rcx,8), %r9",
                            "imul $-7, %esi, %r8d", "shr %cl, %eax", "sar $1, %eax",
                            "andn %esi, %edi, %eax", "setnp -1(%rsp)", "add $1, %r10w", "neg %sil",
                            "xor %rax, %rax", "je .L.1.1", "incl -8(%rsp)", ".L.1.1:"});
    CHECK(function(toText(p)).code == p.code);
    CHECK(p.hash() != function("movzbl %al, %edx").hash());
}

TEST_CASE("what functions may not do is refused with the line and the reason") {
    CHECK(functionError("mov %eax, %ecx\nxchgl %eax, %ecx") ==
          "f.s:2:1: unknown instruction 'xchgl'");
    CHECK(functionError("addl %eax, %rcx") ==
          "f.s:1:1: operand sizes differ (64-bit rcx in a 32-bit instruction)");
    CHECK(functionError("addl $1, -4(%rsp)\nnotl (%rdi)") ==
          "f.s:2:1: memory through a pointer is not supported yet: functions use registers and "
          "stack slots");
    CHECK(functionError("incl -4(%rsp)\nnot -8(%rsp)") ==
          "f.s:2:1: operand size unknown: add a size suffix (b, w, l, q)");
    CHECK(functionError("movb %ah, %sil") ==
          "f.s:1:1: %ah, %bh, %ch, %dh cannot be used with 64-bit operands, r8..r15, %sil, %dil "
          "or %bpl");
    CHECK(functionError("addq $4294967295, %rax") ==
          "f.s:1:6: immediate out of range for a 64-bit operation");
    CHECK(functionError("movl %eax, -132(%rsp)").find("outside the red zone") != std::string::npos);
    CHECK(functionError("movl %esp, %eax").find("stack pointer is not a data register") !=
          std::string::npos);
    CHECK(functionError("movl foo(%rip), %eax").find("global data") != std::string::npos);
    CHECK(functionError("1:\nmov %eax, %ecx\njmp 1b").find("loops are outside") !=
          std::string::npos);
    CHECK(functionError("imulb %al, %cl") == "f.s:1:1: 'imul' takes 16-bit operands or wider");
    // A sorting kernel may not use general opcodes, and says so.
    try {
        parseProgram("addl %eax, %ecx", "k.s");
        FAIL("parsed");
    } catch (const ParseError& e) {
        CHECK(std::string(e.what()).starts_with("k.s:1:1: 'addl' is outside the sorting kernels'"));
    }
}

TEST_CASE("sorting kernels keep their representation and hash") {
    const Program k = parseProgram("mov (%rdi), %eax\ncmp %ecx, %eax\ncmovg %ecx, %eax\n");
    CHECK(k.code[0].src == Operand::mem(0));
    CHECK(k.code[1].src == Operand::reg(1));
    // The hash of a kernel does not see the fields general functions added.
    // (The values printed before general functions existed.)
    CHECK(k.hash() == 0xe74583f4a538b511ull);
    CHECK(parseProgram("mov (%rdi), %eax\ncmp $2, %eax\njl .Lend\nmov 4(%rdi), %ecx\n.Lend:\n")
              .hash() == 0xe5b51e7c2ca63c66ull);
}

TEST_CASE("x86 semantics: flags of add, sub, neg, inc on their edge values") {
    CpuState s = cleanState();
    s.regs[0] = 0x7fffffff;
    CpuState out = runText("addl $1, %eax", s);
    CHECK(out.regs[0] == 0x80000000u);
    CHECK(out.flags == (kOF | kSF | kPF));
    s.regs[0] = 0;
    out = runText("subl $1, %eax", s);
    CHECK(out.regs[0] == 0xffffffffu);
    CHECK(out.flags == (kCF | kSF | kPF));
    s.regs[0] = 0x80;
    out = runText("negb %al", s);
    CHECK(out.regs[0] == 0x80);
    CHECK(out.flags == (kCF | kOF | kSF));
    s.flags = kCF;
    s.regs[0] = 0xffffffffffffffffull;
    out = runText("incq %rax", s);
    CHECK(out.regs[0] == 0);
    CHECK(out.flags == (kCF | kZF | kPF)); // inc keeps CF
    out = runText("adcq $0, %rax", s);
    CHECK(out.regs[0] == 0);
    CHECK(out.flags == (kCF | kZF | kPF));
}

TEST_CASE("x86 semantics: widths write as x86 does") {
    CpuState s = cleanState();
    s.regs[0] = 0x1122334455667788ull;
    CHECK(runText("movl %eax, %eax", s).regs[0] == 0x55667788u); // a 32-bit write zeroes the top
    CHECK(runText("movb $0, %ah", s).regs[0] == 0x1122334455660088ull);
    CHECK(runText("movw $1, %ax", s).regs[0] == 0x1122334455660001ull);
    CHECK(runText("movsbq %al, %rcx", s).regs[1] == 0xffffffffffffff88ull);
    CHECK(runText("movzwl %ax, %ecx", s).regs[1] == 0x7788);
    CHECK(runText("cltq", s).regs[0] == 0x55667788u);
    CHECK(runText("bswap %eax", s).regs[0] == 0x88776655u);
    s.regs[1] = 5;
    CHECK(runText("cmpl $9, %ecx\ncmovl %ecx, %eax", s).regs[0] == 5);
    CHECK(runText("cmpl $1, %ecx\ncmovl %ecx, %eax", s).regs[0] == 0x55667788u); // still zeroed
}

TEST_CASE("x86 semantics: shifts, rotates, multiply, divide") {
    CpuState s = cleanState();
    s.regs[0] = 0x80000001u;
    s.flags = kZF | kCF;
    CpuState out = runText("shll $0, %eax", s);
    CHECK(out.flags == (kZF | kCF)); // a zero count leaves the flags
    out = runText("shll $1, %eax", s);
    CHECK(out.regs[0] == 2);
    CHECK(out.flags == (kCF | kOF));
    out = runText("sarl $4, %eax", s);
    CHECK(out.regs[0] == 0xf8000000u);
    CHECK((out.definedFlags & kOF) == 0); // OF is undefined past a one-bit shift
    CHECK(runText("roll $4, %eax", s).regs[0] == 0x18u);
    s.regs[0] = 0x40000000;
    out = runText("imull $4, %eax, %ecx", s);
    CHECK(out.regs[1] == 0);
    CHECK((out.flags & (kCF | kOF)) == (kCF | kOF));
    s.regs[0] = 100;
    s.regs[1] = 7;
    s.regs[2] = 0;
    out = runText("divl %ecx", s);
    CHECK(out.regs[0] == 14);
    CHECK(out.regs[2] == 2);
    CHECK(out.definedFlags == 0);
    s.regs[0] = static_cast<uint32_t>(-100);
    out = runText("cltd\nidivl %ecx", s);
    CHECK(out.regs[0] == static_cast<uint32_t>(-14));
    CHECK(out.regs[2] == static_cast<uint32_t>(-2));
    s.regs[1] = 0;
    CHECK(runText("divl %ecx", s).fault);
    s.regs[0] = 0x80000000u;
    s.regs[1] = 0xffffffffu;
    CHECK(runText("cltd\nidivl %ecx", s).fault); // INT_MIN / -1
}

TEST_CASE("x86 semantics: undefined bits stay undefined") {
    CpuState s = cleanState();
    s.regs[1] = 0;
    CpuState out = runText("bsfl %ecx, %eax", s);
    CHECK(out.flags & kZF);
    CHECK_FALSE(out.isDefined(Operand::reg(0, 4)));
    CHECK(runText("bsrl %ecx, %eax\naddl $1, %eax", s).isDefined(Operand::reg(0, 4)) == false);
    // An i32 argument's upper half is the caller's: reading it is reading garbage.
    s.defined[kRdi] = 0xffffffff;
    CHECK(runText("movl %edi, %eax", s).isDefined(Operand::reg(0, 8)));
    CHECK_FALSE(runText("movq %rdi, %rax", s).isDefined(Operand::reg(0, 8)));
    CHECK(runText("leal 1(%rdi), %eax", s).isDefined(Operand::reg(0, 4)));
    // A cmov on undefined flags gives an undefined result; so does a jump on them.
    CHECK_FALSE(runText("imull %ecx, %ecx\ncmove %edx, %eax", s).isDefined(Operand::reg(0, 4)));
    CHECK_FALSE(
        runText("imull %ecx, %ecx\nje 1f\nmovl $1, %eax\n1:", s).isDefined(Operand::reg(0, 4)));
    CHECK(runText("popcntl %ecx, %eax", s).flags == kZF);
    CHECK(runText("lzcntl %ecx, %eax", s).regs[0] == 32);
    CHECK(runText("tzcntq %rcx, %rax", s).regs[0] == 64);
}

TEST_CASE("x86 semantics: undefined input bits never reach a bit called defined") {
    // Two states alike in every defined bit and different in the undefined ones: the
    // bits both results call defined must agree. (Under the sanitizers this also runs
    // every opcode's code on edge values.)
    testing::Rng rng(7);
    int compared = 0;
    for (int programs = 0; programs < 3000;) {
        std::string text;
        auto p = testing::randomProgram(rng, true, text);
        if (!p) continue;
        ++programs;
        CpuState a = testing::randomState(rng);
        for (auto& d : a.defined)
            d = rng() % 4 == 0 ? 0 : rng() % 3 == 0 ? rng() : rng() % 2 ? 0xffffffff : ~uint64_t{0};
        a.definedFlags = static_cast<uint32_t>(rng()) & kArithmeticFlags;
        for (auto& d : a.stackDefined) d = rng() % 4 != 0;
        CpuState b = a;
        for (int r = 0; r < kGeneralRegisters; ++r) b.regs[r] ^= rng() & ~a.defined[r];
        b.flags ^= static_cast<uint32_t>(rng()) & ~a.definedFlags & kArithmeticFlags;
        for (int i = 0; i < kRedZone; ++i)
            if (!a.stackDefined[i]) b.stack[i] ^= static_cast<uint8_t>(rng() | 1);
        const CpuState ra = run(*p, a), rb = run(*p, b);
        if (ra.fault || rb.fault) continue; // a fault may hang on an undefined divisor
        INFO(text);
        for (int r = 0; r < kGeneralRegisters; ++r)
            REQUIRE(((ra.regs[r] ^ rb.regs[r]) & ra.defined[r] & rb.defined[r]) == 0);
        REQUIRE(((ra.flags ^ rb.flags) & ra.definedFlags & rb.definedFlags) == 0);
        for (int i = 0; i < kRedZone; ++i)
            REQUIRE((ra.stack[i] == rb.stack[i] || !ra.stackDefined[i] || !rb.stackDefined[i]));
        compared += ra.defined != a.defined || ra.definedFlags != a.definedFlags;
    }
    CHECK(compared > 1000); // the programs changed what is defined, so the check had work
}
