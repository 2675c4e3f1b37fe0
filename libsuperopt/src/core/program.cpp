// AT&T text in and out for programs.
#include "superopt/core/program.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace superopt {

int Program::length() const {
    int labels = 0; // a plain loop: the search asks for this on every proposal
    for (const Instruction& in : code) labels += in.op == Op::Label;
    return static_cast<int>(code.size()) - labels;
}

bool Program::hasJumps() const {
    return std::any_of(code.begin(), code.end(),
                       [](const Instruction& i) { return info(i.op).family == Family::Jump; });
}

uint64_t Program::hash() const {
    uint64_t h = 0xcbf29ce484222325ull; // FNV-1a over the fields
    auto mix = [&h](uint64_t v) {
        h ^= v;
        h *= 0x100000001b3ull;
    };
    // The fields general functions add count only where they differ from a sorting
    // kernel's, so that kernels keep their hashes.
    auto mixExtra = [&mix](const Operand& o) {
        if (!o.plain())
            mix(uint64_t{o.size} | uint64_t{o.high} << 8 | uint64_t(uint8_t(o.base)) << 16 |
                uint64_t(uint8_t(o.index)) << 24 | uint64_t{o.scale} << 32);
    };
    // Labels count by first mention, so renumbering them does not change the hash.
    std::vector<int> ordinal(labelNames.size(), -1);
    int labels = 0;
    for (const auto& in : code) {
        int32_t dst = in.dst.value;
        if (in.dst.kind == kLabel && dst >= 0 && dst < static_cast<int>(ordinal.size()))
            dst = ordinal[dst] < 0 ? ordinal[dst] = labels++ : ordinal[dst];
        mix(static_cast<uint64_t>(in.op));
        mix(static_cast<uint64_t>(in.src.kind) << 32 | static_cast<uint32_t>(in.src.value));
        mix(static_cast<uint64_t>(in.dst.kind) << 32 | static_cast<uint32_t>(dst));
        mixExtra(in.src);
        mixExtra(in.dst);
        if (in.src2.kind != kNone) {
            mix(static_cast<uint64_t>(in.src2.kind) << 32 | static_cast<uint32_t>(in.src2.value));
            mixExtra(in.src2);
        }
    }
    return h;
}

Program afterPushes(Program p, int pushes) {
    auto shift = [pushes](Operand& o) {
        if (!o.isStack()) return;
        if (o.value + o.size > -8 * pushes)
            throw std::invalid_argument(
                "the stack slot " + std::to_string(o.value) +
                "(%rsp) overlaps the callee-saved registers the code must save there");
        o.value += 8 * pushes;
    };
    for (auto& in : p.code) {
        shift(in.src);
        shift(in.dst);
        shift(in.src2);
    }
    return p;
}

bool namesRegister(const Operand& o, int reg) {
    return (o.kind == kReg && o.value == reg) ||
           (o.kind == kAddr && (o.base == reg || o.index == reg));
}

bool namesRegister(const Instruction& in, int reg) {
    return namesRegister(in.src, reg) || namesRegister(in.src2, reg) || namesRegister(in.dst, reg);
}

std::vector<int> Program::calleeSaved() const {
    std::vector<int> out;
    for (int r = 0; r < kGeneralRegisters; ++r)
        if (isCalleeSaved(r) && std::any_of(code.begin(), code.end(), [r](const Instruction& in) {
                return namesRegister(in, r);
            }))
            out.push_back(r);
    return out;
}

namespace {

bool isIdentStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}
bool isIdentChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '$';
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
bool isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

// A piece of a line with its 1-based column, for error messages.
struct Piece {
    std::string_view text;
    int col;
};

Piece trim(Piece p) {
    while (!p.text.empty() && isSpace(p.text.front())) {
        p.text.remove_prefix(1);
        ++p.col;
    }
    while (!p.text.empty() && isSpace(p.text.back())) p.text.remove_suffix(1);
    return p;
}

// A mnemonic read: the opcode, the size its b/w/l/q suffix gives (0: none) and, for
// movzx/movsx (movzbl, movslq, cltq...), the source's size.
struct Mnemonic {
    Op op;
    int size = 0;
    int srcSize = 0;
};

int suffixSize(char c) {
    switch (c) {
    case 'b':
        return 1;
    case 'w':
        return 2;
    case 'l':
        return 4;
    case 'q':
        return 8;
    default:
        return 0;
    }
}

// x86's condition names and their aliases, as this instruction set spells them.
std::optional<std::string_view> canonicalCondition(std::string_view c) {
    static const std::map<std::string_view, std::string_view> kAliases = {
        {"o", "o"},   {"no", "no"}, {"b", "b"},   {"c", "b"},   {"nae", "b"}, {"ae", "ae"},
        {"nb", "ae"}, {"nc", "ae"}, {"e", "e"},   {"z", "e"},   {"ne", "ne"}, {"nz", "ne"},
        {"be", "be"}, {"na", "be"}, {"a", "a"},   {"nbe", "a"}, {"s", "s"},   {"ns", "ns"},
        {"p", "p"},   {"pe", "p"},  {"np", "np"}, {"po", "np"}, {"l", "l"},   {"nge", "l"},
        {"ge", "ge"}, {"nl", "ge"}, {"le", "le"}, {"ng", "le"}, {"g", "g"},   {"nle", "g"}};
    auto it = kAliases.find(c);
    if (it == kAliases.end()) return std::nullopt;
    return it->second;
}

std::optional<Op> conditional(std::string_view prefix, std::string_view cond) {
    auto c = canonicalCondition(cond);
    if (!c) return std::nullopt;
    return opcodeByName(std::string(prefix).append(*c));
}

// A lower-case mnemonic in a dialect: sorting kernels know their opcodes with an
// optional `l` suffix; functions know every opcode, condition aliases (jz, cmovnae,
// setc), b/w/l/q suffixes and the sign extensions' AT&T names.
std::optional<Mnemonic> resolve(std::string_view m, bool function) {
    if (!function) {
        if (auto op = opcodeByName(m); op && isSortOp(*op)) return Mnemonic{*op};
        if (m.size() > 1 && m.back() == 'l')
            if (auto op = opcodeByName(m.substr(0, m.size() - 1));
                op && isSortOp(*op) && info(*op).family != Family::Jump)
                return Mnemonic{*op, 4};
        return std::nullopt;
    }
    static const std::map<std::string_view, Mnemonic> kFixed = {
        {"cltq", {Op::Movsx, 8, 4}}, {"cdqe", {Op::Movsx, 8, 4}}, {"cwtl", {Op::Movsx, 4, 2}},
        {"cwde", {Op::Movsx, 4, 2}}, {"cltd", {Op::Cdq}},         {"cdq", {Op::Cdq}},
        {"cqto", {Op::Cqo}},         {"cqo", {Op::Cqo}},          {"sal", {Op::Shl}},
        {"salb", {Op::Shl, 1}},      {"salw", {Op::Shl, 2}},      {"sall", {Op::Shl, 4}},
        {"salq", {Op::Shl, 8}}};
    if (auto it = kFixed.find(m); it != kFixed.end()) return it->second;
    if (m.size() == 6 && (m.starts_with("movz") || m.starts_with("movs"))) {
        const int from = suffixSize(m[4]), to = suffixSize(m[5]);
        if (from && to && from < to && from < 8)
            return Mnemonic{m[3] == 'z' ? Op::Movzx : Op::Movsx, to, from};
    }
    if (m != "jmp" && m.starts_with("j"))
        if (auto op = conditional("j", m.substr(1))) return Mnemonic{*op};
    if (m.starts_with("set"))
        if (auto op = conditional("set", m.substr(3))) return Mnemonic{*op};
    if (m.starts_with("cmov")) {
        if (auto op = conditional("cmov", m.substr(4))) return Mnemonic{*op};
        if (int size = suffixSize(m.back()); size > 1)
            if (auto op = conditional("cmov", m.substr(4, m.size() - 5)))
                return Mnemonic{*op, size};
        return std::nullopt;
    }
    auto plain = [](std::string_view name) -> std::optional<Op> {
        auto op = opcodeByName(name);
        if (!op || *op == Op::Movzx || *op == Op::Movsx || *op == Op::Cdq || *op == Op::Cqo)
            return std::nullopt;
        return op;
    };
    if (auto op = plain(m)) return Mnemonic{*op};
    if (int size = suffixSize(m.back()); size && m.size() > 1)
        if (auto op = plain(m.substr(0, m.size() - 1));
            op && info(*op).family != Family::Jump && info(*op).family != Family::SetCond)
            return Mnemonic{*op, size};
    return std::nullopt;
}

class Parser {
  public:
    Parser(std::string_view file, std::string_view symbol, Dialect dialect)
        : file_(file), symbol_(symbol), function_(dialect != Dialect::Kernel),
          buffer_(dialect == Dialect::Buffer) {}

    Program run(std::string_view text) {
        if (symbol_.empty()) symbol_ = soleGlobal(text);
        inBody_ = symbol_.empty();
        functions_ = declaredFunctions(text);
        int lineNo = 0;
        size_t pos = 0;
        while (pos <= text.size() && !done_) {
            size_t end = text.find('\n', pos);
            if (end == std::string_view::npos) end = text.size();
            line_ = ++lineNo;
            parseLine(text.substr(pos, end - pos));
            pos = end + 1;
        }
        if (!symbol_.empty() && !inBody_)
            throw ParseError(std::string(file_) + ": symbol '" + std::string(symbol_) +
                             "' not found");
        if (pops_.size() != pushes_.size() && !pops_.empty())
            fail(1, "pops do not match the pushes of the prologue");
        if (!symbol_.empty()) {
            prog_.savedRegisters = pushes_;
            copyReturnBlocks();
            placeReturnLabel();
        }
        for (auto& [name, id] : labelIds_) {
            if (defined_[id]) continue;
            if (numericRef_.count(id))
                fail(labelUse_[id].first, labelUse_[id].second,
                     numericRef_[id] + "f: no '" + numericRef_[id] +
                         ":' follows it in this function");
            fail(labelUse_[id].first, labelUse_[id].second,
                 "label '" + name + "' is used but never defined");
        }
        if (function_) dropUnusedLabels();
        return std::move(prog_);
    }

  private:
    [[noreturn]] void fail(int line, int col, const std::string& msg) const {
        throw ParseError(std::string(file_) + ":" + std::to_string(line) + ":" +
                         std::to_string(col) + ": " + msg);
    }
    [[noreturn]] void fail(int col, const std::string& msg) const { fail(line_, col, msg); }

    // The names a file declares as functions (`.globl NAME`, `.type NAME, @function`):
    // where one of them starts, the function before it has ended.
    static std::vector<std::string> declaredFunctions(std::string_view text) {
        std::vector<std::string> names;
        for (std::string_view directive : {".globl", ".type"})
            for (size_t pos = text.find(directive); pos != std::string_view::npos;
                 pos = text.find(directive, pos + 1)) {
                size_t b = pos + directive.size();
                while (b < text.size() && isSpace(text[b])) ++b;
                size_t e = b;
                while (e < text.size() && isIdentChar(text[e])) ++e;
                if (e > b) names.emplace_back(text.substr(b, e - b));
            }
        return names;
    }

    // A function's every `ret` became `jmp` to one label at its end; the last one, when
    // nothing (or only labels) follows it, goes. (A function file is read to its `.size` or the
    // next function, so that code after an early `ret` is read too.)
    void placeReturnLabel() {
        auto& code = prog_.code;
        if (!returns_.empty() &&
            std::all_of(code.begin() + returns_.back() + 1, code.end(),
                        [](const Instruction& in) { return in.op == Op::Label; })) {
            code.erase(code.begin() + returns_.back());
            returns_.pop_back();
        }
        if (returns_.empty()) return;
        const int id = labelId(".L.ret");
        for (size_t at : returns_) code[at].dst = Operand::label(id);
        placeLabel(id);
    }

    void parseLine(std::string_view line) {
        size_t hash = line.find('#');
        if (hash != std::string_view::npos) line = line.substr(0, hash);
        int col = 1;
        while (!done_) {
            size_t semi = line.find(';');
            std::string_view stmt = line.substr(0, semi);
            parseStatement(trim({stmt, col}));
            if (semi == std::string_view::npos) break;
            line.remove_prefix(semi + 1);
            col += static_cast<int>(semi) + 1;
        }
    }

    void parseStatement(Piece s) {
        // Leading labels: names, and GNU's numeric local labels (`1:`).
        while (!s.text.empty() && (isIdentStart(s.text.front()) || isDigit(s.text.front()))) {
            const bool numeric = isDigit(s.text.front());
            size_t n = 0;
            while (n < s.text.size() && (numeric ? isDigit(s.text[n]) : isIdentChar(s.text[n])))
                ++n;
            if (n >= s.text.size() || s.text[n] != ':') break;
            if (numeric)
                defineNumericLabel(s.text.substr(0, n), s.col);
            else
                defineLabel(s.text.substr(0, n), s.col);
            s = trim({s.text.substr(n + 1), s.col + static_cast<int>(n) + 1});
        }
        if (s.text.empty()) return;
        size_t n = 0;
        while (n < s.text.size() && !isSpace(s.text[n])) ++n;
        std::string_view word = s.text.substr(0, n);
        Piece rest = trim({s.text.substr(n), s.col + static_cast<int>(n)});
        if (word.front() == '.') { // an assembler directive; `.size` ends our function
            if (inBody_ && !symbol_.empty() && word == ".size" && rest.text.starts_with(symbol_) &&
                rest.text.substr(symbol_.size()).find_first_not_of(" \t") ==
                    rest.text.substr(symbol_.size()).find(','))
                done_ = true;
            return;
        }
        if (!inBody_) return;
        std::string mnemonic(word);
        std::transform(mnemonic.begin(), mnemonic.end(), mnemonic.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (afterRet_) fail(s.col, "instruction after ret");
        if (mnemonic == "ret" || mnemonic == "retq") {
            if (!rest.text.empty()) fail(rest.col, "'ret' takes no operand");
            if (symbol_.empty()) { // a plain program ends here
                afterRet_ = true;
                return;
            }
            if (!pops_.empty() && pops_.size() != pushes_.size())
                fail(s.col, "ret before the epilogue pops every register the prologue pushed");
            if (pops_.empty() && !pushes_.empty()) fail(s.col, "ret without the epilogue's pops");
            pops_.clear();
            returns_.push_back(prog_.code.size()); // its label is placed at the end
            prog_.code.push_back({Op::Jmp, {}, Operand::label(0)});
            return;
        }
        if (mnemonic == "push" || mnemonic == "pushq" || mnemonic == "pop" || mnemonic == "popq") {
            saveRestore(mnemonic[1] == 'u', rest);
            return;
        }
        if (function_ && frameSetup(mnemonic, rest, s.col)) return;
        if (!pops_.empty()) fail(s.col, "instruction after the epilogue's pop");
        auto m = resolve(mnemonic, function_);
        if (!m && !function_ && resolve(mnemonic, true))
            fail(s.col, "'" + std::string(word) +
                            "' is outside the sorting kernels' instruction set (mov, cmp, "
                            "cmovCC, jCC on 32-bit registers and the buffer)");
        if (!m) fail(s.col, "unknown instruction '" + std::string(word) + "'");
        if (function_)
            parseFunctionInstruction(*m, rest, s.col);
        else
            parseInstruction(m->op, rest, s.col);
    }

    // A function's frame pointer: `mov %rsp, %rbp` right after the prologue pushed
    // %rbp sets it up, `leave` (or the epilogue's `pop %rbp`) ends it.
    bool frameSetup(const std::string& mnemonic, Piece rest, int col) {
        std::string operands(rest.text);
        std::erase_if(operands, isSpace);
        if ((mnemonic == "mov" || mnemonic == "movq") && operands == "%rsp,%rbp") {
            if (!noInstructions() || pushes_.empty() || pushes_.back() != 9)
                fail(col, "'mov %rsp, %rbp' only sets up the frame, right after 'push %rbp'");
            frame_ = rspOffset_;
            return true;
        }
        if (mnemonic == "leave" || mnemonic == "leaveq") {
            if (!frame_) fail(col, "leave without a frame set up by the prologue");
            saveRestore(false, {"%rbp", rest.col});
            return true;
        }
        return false;
    }

    // Labels no jump goes to (gcc's .LFB0, .LFE0) are only clutter in a function.
    void dropUnusedLabels() {
        std::vector<bool> used(prog_.labelNames.size());
        for (const Instruction& in : prog_.code)
            if (info(in.op).family == Family::Jump) used[in.dst.value] = true;
        std::erase_if(prog_.code, [&](const Instruction& in) {
            return in.op == Op::Label && !used[in.dst.value];
        });
    }

    // Whether only labels came so far (gcc puts `.LFB0:` before the prologue).
    bool noInstructions() const {
        return std::all_of(prog_.code.begin(), prog_.code.end(),
                           [](const Instruction& in) { return in.op == Op::Label; });
    }

    // push/pop of callee-saved registers: allowed only as the prologue (before any
    // instruction) and the epilogue (just before `ret`, in reverse order).
    void saveRestore(bool push, Piece operand) {
        std::string_view t = operand.text;
        if (t.empty() || t.front() != '%') fail(operand.col, "expected a register");
        t.remove_prefix(1);
        int reg = -1;
        for (int i = kFirstCalleeSaved; i < kMaxRegisters; ++i)
            if (kRegisterNames64[i] == t) reg = i;
        if (reg < 0) fail(operand.col, "only callee-saved registers may be pushed or popped");
        if (push) {
            if (!noInstructions() || !pops_.empty())
                fail(operand.col, "push is allowed only in the prologue");
            pushes_.push_back(reg);
            rspOffset_ -= 8;
        } else {
            size_t k = pops_.size();
            if (k >= pushes_.size() || pushes_[pushes_.size() - 1 - k] != reg)
                fail(operand.col, "pop does not match the prologue's pushes");
            pops_.push_back(reg);
        }
    }

    void parseInstruction(Op op, Piece rest, int col) {
        const OpcodeInfo& oi = info(op);
        std::vector<Piece> ops;
        if (!rest.text.empty()) {
            Piece r = rest;
            while (true) {
                size_t comma = r.text.find(',');
                ops.push_back(trim({r.text.substr(0, comma), r.col}));
                if (comma == std::string_view::npos) break;
                r = {r.text.substr(comma + 1), r.col + static_cast<int>(comma) + 1};
            }
        }
        Instruction in{op, {}, {}};
        if (oi.family == Family::Jump) {
            if (ops.size() != 1)
                fail(col, "'" + std::string(oi.name) + "' takes one label operand");
            in.dst = labelOperand(ops[0]);
        } else {
            if (ops.size() != 2)
                fail(col,
                     "'" + std::string(oi.name) + "' takes two operands (source, destination)");
            in.src = operand(ops[0]);
            in.dst = operand(ops[1]);
            if (!(in.src.kind & oi.srcKinds))
                fail(ops[0].col, "this operand kind is not allowed as the source of '" +
                                     std::string(oi.name) + "'");
            if (!(in.dst.kind & oi.dstKinds))
                fail(ops[1].col, "this operand kind is not allowed as the destination of '" +
                                     std::string(oi.name) + "'");
            if (in.src.kind == kMem && in.dst.kind == kMem)
                fail(col, "at most one operand may be in memory");
        }
        prog_.code.push_back(in);
    }

    // Operands are separated by commas outside parentheses.
    static std::vector<Piece> splitOperands(Piece rest) {
        std::vector<Piece> ops;
        if (rest.text.empty()) return ops;
        int depth = 0;
        size_t start = 0;
        for (size_t i = 0; i <= rest.text.size(); ++i) {
            const char c = i < rest.text.size() ? rest.text[i] : ',';
            depth += (c == '(') - (c == ')');
            if (c != ',' || depth > 0) continue;
            ops.push_back(trim({rest.text.substr(start, i - start), rest.col + int(start)}));
            start = i + 1;
        }
        return ops;
    }

    // A function's operand as read: the immediate keeps its 64-bit value for the
    // range check, which needs the instruction's size.
    struct Read {
        Operand op;
        int64_t imm = 0;
        Piece at;
    };

    std::optional<int> addressRegister(Piece p, std::string_view t) const {
        if (t.empty()) return std::nullopt;
        if (t == "%rsp") return kStackBase;
        auto r = t.front() == '%' ? generalRegisterByName(t.substr(1)) : std::nullopt;
        if (!r) fail(p.col, "expected a register in the address, not '" + std::string(t) + "'");
        if (r->size != 8) fail(p.col, "addresses use 64-bit registers, not " + std::string(t));
        return r->reg;
    }

    Read functionOperand(Piece p) {
        const std::string_view t = p.text;
        if (t.empty()) fail(p.col, "missing operand");
        if (t.front() == '%') {
            auto r = generalRegisterByName(t.substr(1));
            if (!r && (t == "%rsp" || t == "%esp" || t == "%sp" || t == "%spl"))
                fail(p.col, "the stack pointer is not a data register (stack slots are "
                            "offset(%rsp) or, with a frame, offset(%rbp))");
            if (!r) fail(p.col, "unknown register " + std::string(t));
            if (frame_ && r->reg == 9) fail(p.col, "%rbp is the frame pointer in this function");
            return {Operand::reg(r->reg, r->size, r->high), 0, p};
        }
        if (t.front() == '$') {
            const int64_t v = integer(p, t.substr(1));
            if (v < INT32_MIN || v > UINT32_MAX)
                fail(p.col, "immediate out of 32-bit range (movabs is not supported)");
            return {Operand::imm(static_cast<int32_t>(static_cast<uint32_t>(v))), v, p};
        }
        const size_t open = t.find('(');
        if (open == std::string_view::npos || t.back() != ')')
            fail(p.col, "expected a register, $immediate or memory operand");
        const std::string_view dispText = t.substr(0, open);
        if (!dispText.empty() && !isDigit(dispText.back()))
            fail(p.col, "global data ('" + std::string(t) +
                            "') is not supported: functions use registers and their stack");
        const int64_t disp = dispText.empty() ? 0 : integer({dispText, p.col}, dispText);
        std::vector<std::string_view> parts;
        std::string_view inner = t.substr(open + 1, t.size() - open - 2);
        for (size_t comma; (comma = inner.find(',')) != std::string_view::npos;) {
            parts.push_back(trim({inner.substr(0, comma), 0}).text);
            inner.remove_prefix(comma + 1);
        }
        parts.push_back(trim({inner, 0}).text);
        if (parts.size() > 3) fail(p.col, "an address is (base, index, scale)");
        Piece at{t, p.col + static_cast<int>(open) + 1};
        auto base = addressRegister(at, parts[0]);
        auto index = parts.size() > 1 ? addressRegister(at, parts[1]) : std::nullopt;
        const int64_t scale = parts.size() > 2 ? integer(at, parts[2]) : 1;
        if (scale != 1 && scale != 2 && scale != 4 && scale != 8)
            fail(at.col, "the scale is 1, 2, 4 or 8");
        if (index == kStackBase) fail(at.col, "%rsp cannot be an index");
        if (disp < INT32_MIN || disp > INT32_MAX) fail(p.col, "displacement out of 32-bit range");
        const bool framed = frame_ && base == 9;
        if ((base == kStackBase || framed) && !index) {
            const int64_t offset = disp + (framed ? *frame_ : rspOffset_);
            return {Operand::stack(static_cast<int>(offset), 0), 0, p};
        }
        if (base == kStackBase || framed)
            fail(p.col, "a stack slot's address is a constant offset: no index");
        return {Operand{kAddr, static_cast<int32_t>(disp), 0, false,
                        static_cast<int8_t>(base.value_or(-1)),
                        static_cast<int8_t>(index.value_or(-1)), static_cast<uint8_t>(scale)},
                0, p};
    }

    // Places a function's operands where the opcode takes them.
    Instruction placeOperands(Op op, std::vector<Read>& r, std::string_view name, int col) {
        if (op == Op::Imul && r.size() == 3) op = Op::Imul3;
        const OpcodeInfo& oi = info(op);
        Instruction in{op};
        const size_t wanted =
            (oi.generalSrc != kNone) + (oi.generalSrc2 != kNone) + (oi.generalDst != kNone);
        if (isShift(op) && r.size() == 1) { // `sarl %eax` shifts by one
            r.insert(r.begin(), Read{Operand::imm(1), 1, r[0].at});
        }
        if (r.size() != wanted)
            fail(col, "'" + std::string(name) + "' takes " + std::to_string(wanted) + " operand" +
                          (wanted == 1 ? "" : "s"));
        auto check = [&](const Read& x, uint8_t kinds, const char* role) {
            if (!(x.op.kind & kinds))
                fail(x.at.col, "this operand kind is not allowed as the " + std::string(role) +
                                   " of '" + std::string(name) + "'");
            return x.op;
        };
        if (wanted == 3) {
            in.src = check(r[0], oi.generalSrc, "source");
            in.src2 = check(r[1], oi.generalSrc2, "second source");
            in.dst = check(r[2], oi.generalDst, "destination");
        } else if (wanted == 2) {
            in.src = check(r[0], oi.generalSrc, "source");
            in.dst = check(r[1], oi.generalDst, "destination");
        } else if (wanted == 1 && oi.generalDst != kNone) {
            in.dst = check(r[0], oi.generalDst, "operand");
        } else if (wanted == 1) {
            in.src = check(r[0], oi.generalSrc, "operand");
        }
        return in;
    }

    // The instruction's operand size, from its registers and suffix; memory operands
    // take it.
    int operandSize(Instruction& in, const Mnemonic& m, int col) const {
        int size = m.size;
        auto agree = [&](const Operand& o) {
            if (o.kind != kReg) return;
            if (size && o.size != size)
                fail(col, "operand sizes differ (" + std::to_string(8 * o.size) + "-bit " +
                              std::string(registerName(o.value, o.size, o.high)) + " in a " +
                              std::to_string(8 * size) + "-bit instruction)");
            size = o.size;
        };
        const Family family = info(in.op).family;
        if (in.op == Op::Movzx || in.op == Op::Movsx) {
            if (in.src.kind == kReg && in.src.size != m.srcSize)
                fail(col, "the source is not " + std::to_string(8 * m.srcSize) + "-bit");
            in.src.size = static_cast<uint8_t>(m.srcSize);
            agree(in.dst);
        } else if (isShift(in.op)) {
            if (in.src.kind == kReg && (in.src.value != 1 || in.src.size != 1 || in.src.high))
                fail(col, "a shift count is an immediate or %cl");
            agree(in.dst);
        } else if (family == Family::SetCond) {
            size = 1;
            agree(in.dst);
        } else if (in.op == Op::Lea) {
            agree(in.dst);
        } else {
            agree(in.dst);
            agree(in.src);
            agree(in.src2);
        }
        if (in.op == Op::Cdq) size = 4;
        if (in.op == Op::Cqo) size = 8;
        if (!size) fail(col, "operand size unknown: add a size suffix (b, w, l, q)");
        for (Operand* o : {&in.src, &in.dst, &in.src2})
            if (o->kind == kAddr && o->size == 0) o->size = static_cast<uint8_t>(size);
        return size;
    }

    void parseFunctionInstruction(const Mnemonic& m, Piece rest, int col) {
        const std::string name(info(m.op).name);
        auto pieces = splitOperands(rest);
        if (info(m.op).family == Family::Jump) {
            if (pieces.size() != 1) fail(col, "'" + name + "' takes one label operand");
            prog_.code.push_back({m.op, {}, labelOperand(pieces[0])});
            return;
        }
        std::vector<Read> reads;
        for (const Piece& p : pieces) reads.push_back(functionOperand(p));
        const bool implicit = reads.empty() && (m.op == Op::Movzx || m.op == Op::Movsx);
        if (implicit) { // cltq, cwtl: %eax into %rax, %ax into %eax
            reads.push_back({Operand::reg(0, m.srcSize), 0, rest});
            reads.push_back({Operand::reg(0, m.size), 0, rest});
        }
        Instruction in = placeOperands(m.op, reads, name, col);
        const int size = operandSize(in, m, col);
        checkFunctionInstruction(in, reads, size, name, col);
        prog_.code.push_back(in);
    }

    // What x86 cannot encode or this instruction set does not cover.
    void checkFunctionInstruction(const Instruction& in, const std::vector<Read>& reads, int size,
                                  const std::string& name, int col) const {
        int memory = 0;
        for (const Operand* o : {&in.src, &in.dst, &in.src2}) {
            if (o->kind != kAddr) continue;
            if (buffer_ && !o->isStack() && in.op != Op::Lea && o->size != 4)
                fail(col, "the buffer's words are 32-bit");
            if (!buffer_ && !o->isStack() && in.op != Op::Lea)
                fail(col, "memory through a pointer is not supported yet: functions use "
                          "registers and stack slots");
            if (o->isStack() && in.op == Op::Lea)
                fail(col, "the address of a stack slot is not supported");
            if (o->isStack() && (o->value < -128 || o->value + o->size > rspOffset_))
                fail(col, "stack slot outside the red zone below the saved registers "
                          "(128 bytes below the stack pointer at entry)");
            memory += in.op != Op::Lea;
        }
        if (memory > 1) fail(col, "at most one operand may be in memory");
        const OpcodeInfo& oi = info(in.op);
        const int smallest = in.op == Op::Andn || in.op == Op::Blsi || in.op == Op::Blsr ||
                                     in.op == Op::Blsmsk || in.op == Op::Bswap
                                 ? 4
                             : in.op == Op::Imul || in.op == Op::Imul3 || in.op == Op::Lea ||
                                     oi.family == Family::CondMove || in.op == Op::Bsf ||
                                     in.op == Op::Bsr || in.op == Op::Popcnt ||
                                     in.op == Op::Lzcnt || in.op == Op::Tzcnt
                                 ? 2
                                 : 1;
        if (size < smallest)
            fail(col,
                 "'" + name + "' takes " + std::to_string(8 * smallest) + "-bit operands or wider");
        for (const Read& r : reads) {
            if (r.op.kind != kImm) continue;
            const bool count = isShift(in.op);
            const int64_t lo = count ? 0 : size == 8 ? INT32_MIN : -(int64_t{1} << (8 * size - 1));
            const int64_t hi = count ? 255 : size == 8 ? INT32_MAX : (int64_t{1} << 8 * size) - 1;
            if (r.imm < lo || r.imm > hi)
                fail(r.at.col,
                     "immediate out of range for a " + std::to_string(8 * size) + "-bit operation");
        }
        // A high-byte register cannot be encoded beside a REX prefix.
        bool high = false, rex = size == 8;
        for (const Operand* o : {&in.src, &in.dst, &in.src2}) {
            high = high || (o->kind == kReg && o->high);
            auto needsRex = [](int r) { return (r >= 4 && r <= 7) || (r >= 10 && r <= 13); };
            if (o->kind == kReg)
                rex = rex || needsRex(o->value) || o->size == 8 ||
                      (o->size == 1 && !o->high &&
                       (o->value == 3 || o->value == 9 || o->value == kRdi));
            if (o->kind == kAddr) rex = rex || needsRex(o->base) || needsRex(o->index);
        }
        if (high && rex)
            fail(col, "%ah, %bh, %ch, %dh cannot be used with 64-bit operands, r8..r15, "
                      "%sil, %dil or %bpl");
    }

    int64_t integer(Piece p, std::string_view t) const {
        auto n = parseInteger(t);
        if (!n || n->magnitude > uint64_t{INT64_MAX})
            fail(p.col, "bad number '" + std::string(p.text) + "'");
        const auto v = static_cast<int64_t>(n->magnitude);
        return n->negative ? -v : v;
    }

    Operand operand(Piece p) {
        std::string_view t = p.text;
        if (t.empty()) fail(p.col, "missing operand");
        if (t.front() == '%') return Operand::reg(registerNumber(p, t.substr(1)));
        if (t.front() == '$') {
            int64_t v = integer(p, t.substr(1));
            if (v < INT32_MIN || v > UINT32_MAX) fail(p.col, "immediate out of 32-bit range");
            return Operand::imm(static_cast<int32_t>(static_cast<uint32_t>(v)));
        }
        size_t open = t.find('(');
        if (open == std::string_view::npos)
            fail(p.col, "expected a register, $immediate or offset(%rdi)");
        if (t.substr(open) != "(%rdi)")
            fail(p.col + static_cast<int>(open), "memory operands must be offset(%rdi)");
        int64_t off = open == 0 ? 0 : integer({t.substr(0, open), p.col}, t.substr(0, open));
        if (off < 0 || off % 4 != 0 || off > 4 * 1024)
            fail(p.col, "offset must be a non-negative multiple of 4 (4*slot)");
        return Operand::mem(static_cast<int>(off / 4));
    }

    int registerNumber(Piece p, std::string_view name) const {
        if (auto r = registerByName(name)) return *r;
        if (name == "edi" || name == "rdi" || name == "esp" || name == "rsp")
            fail(p.col, "register %" + std::string(name) +
                            " is reserved (%rdi holds the buffer, %rsp the stack)");
        for (int i = 0; i < kMaxRegisters; ++i)
            if (kRegisterNames64[i] == name)
                fail(p.col, "values are 32-bit: use %" + std::string(kRegisterNames[i]) +
                                " instead of %" + std::string(name));
        fail(p.col, "unknown register %" + std::string(name));
    }

    int labelId(std::string_view name) {
        auto [it, added] =
            labelIds_.emplace(std::string(name), static_cast<int>(prog_.labelNames.size()));
        if (added) {
            prog_.labelNames.emplace_back(name);
            defined_.push_back(false);
            definedAt_.push_back(0);
            labelUse_.emplace_back(0, 0);
        }
        return it->second;
    }

    Operand labelOperand(Piece p) {
        const std::string_view t = p.text;
        if (t.size() >= 2 && std::all_of(t.begin(), t.end() - 1, isDigit) &&
            (t.back() == 'f' || t.back() == 'b'))
            return numericReference(p, t.substr(0, t.size() - 1), t.back() == 'f');
        if (t.empty() || !isIdentStart(t.front()) || !std::all_of(t.begin(), t.end(), isIdentChar))
            fail(p.col, "expected a label name");
        int id = labelId(t);
        if (defined_[id] && function_ && !symbol_.empty()) // maybe a shared return block
            return tailCopy(id, p);
        if (defined_[id]) loopError(id, p);
        if (labelUse_[id].first == 0) labelUse_[id] = {line_, p.col};
        return Operand::label(id);
    }

    [[noreturn]] void loopError(int id, Piece p) const {
        fail(p.col, "jump back to '" + std::string(p.text) + "' (line " +
                        std::to_string(definedAt_[id]) +
                        "): loops are outside the instruction set, which jumps only forward");
    }

    // Compilers share a function's return block: `jmp .L13` back to `.L13: movl %esi,
    // %eax; ret`. Such a jump goes forward to a copy of the block, placed at the end
    // (copyReturnBlocks) when the block runs straight to its `ret`; else it is a loop.
    Operand tailCopy(int target, Piece p) {
        const int id = labelId(".L.tail." + std::to_string(tailCopies_.size() + 1));
        labelUse_[id] = {line_, p.col};
        tailCopies_.push_back({target, id, line_, p});
        return Operand::label(id);
    }

    struct TailCopy {
        int target, copy, line;
        Piece at;
    };

    void copyReturnBlocks() {
        for (const TailCopy& t : tailCopies_) {
            auto& code = prog_.code;
            size_t at = 0;
            while (!(code[at].op == Op::Label && code[at].dst.value == t.target)) ++at;
            std::vector<Instruction> block;
            bool returns = false;
            for (size_t i = at + 1; i < code.size() && !returns; ++i) {
                returns = std::find(returns_.begin(), returns_.end(), i) != returns_.end();
                if (returns) break;
                if (code[i].op == Op::Label) continue;
                if (info(code[i].op).family == Family::Jump) break;
                block.push_back(code[i]);
            }
            if (!returns) {
                line_ = t.line;
                loopError(t.target, t.at);
            }
            placeLabel(t.copy);
            code.insert(code.end(), block.begin(), block.end());
            returns_.push_back(code.size());
            code.push_back({Op::Jmp, {}, Operand::label(0)});
        }
    }

    // GNU as: `Nf` is the next `N:` after the reference, `Nb` the last one before it.
    // Each definition of `N:` is a label of its own, named .L.N.K (the K-th).
    Operand numericReference(Piece p, std::string_view digits, bool forward) {
        const std::string key(digits);
        if (!forward) {
            if (numericLast_.count(key))
                fail(p.col,
                     "jump back to " + key + "b (line " +
                         std::to_string(definedAt_[numericLast_[key]]) +
                         "): loops are outside the instruction set, which jumps only forward");
            fail(p.col, key + "b: no '" + key + ":' before it in this function");
        }
        auto [it, added] = numericNext_.try_emplace(key, 0);
        if (added) it->second = labelId(".L." + key + "." + std::to_string(++numericCount_[key]));
        if (labelUse_[it->second].first == 0) labelUse_[it->second] = {line_, p.col};
        numericRef_[it->second] = key;
        return Operand::label(it->second);
    }

    void defineNumericLabel(std::string_view digits, int col) {
        if (!inBody_) return;
        if (afterRet_) fail(col, "label after ret");
        const std::string key(digits);
        int id;
        if (auto next = numericNext_.find(key); next != numericNext_.end()) {
            id = next->second; // the label the `Nf` references before it meant
            numericNext_.erase(next);
        } else {
            id = labelId(".L." + key + "." + std::to_string(++numericCount_[key]));
        }
        numericLast_[key] = id;
        placeLabel(id);
    }

    void defineLabel(std::string_view name, int col) {
        bool isSymbol = !symbol_.empty() && name == symbol_;
        if (isSymbol) {
            inBody_ = true;
            return;
        }
        if (!inBody_) return;
        if (std::find(functions_.begin(), functions_.end(), name) != functions_.end()) {
            done_ = true; // the next function: ours has ended
            return;
        }
        if (afterRet_) fail(col, "label after ret");
        int id = labelId(name);
        if (defined_[id]) fail(col, "label '" + std::string(name) + "' defined twice");
        placeLabel(id);
    }

    void placeLabel(int id) {
        defined_[id] = true;
        definedAt_[id] = line_;
        prog_.code.push_back({Op::Label, {}, Operand::label(id)});
    }

    std::string_view file_;
    std::string_view symbol_;
    bool function_; // Dialect::Function or Buffer
    bool buffer_;   // Dialect::Buffer
    // Functions: the stack pointer's offset from its value at entry (the prologue's
    // pushes), and the frame pointer's, when a `mov %rsp, %rbp` set one up.
    int rspOffset_ = 0;
    std::optional<int> frame_;
    bool inBody_ = true;
    bool done_ = false;
    bool afterRet_ = false;
    int line_ = 0;
    Program prog_;
    std::map<std::string, int> labelIds_;
    std::vector<bool> defined_;
    std::vector<int> definedAt_; // line of each label's definition
    // Numeric local labels: per N, the last `N:` placed, the label the pending `Nf`
    // references go to, how many have been named, and which labels came from `Nf`.
    std::map<std::string, int> numericLast_, numericNext_, numericCount_;
    std::map<int, std::string> numericRef_;
    std::vector<std::pair<int, int>> labelUse_;
    std::vector<int> pushes_, pops_;
    std::vector<std::string> functions_; // the names the file declares as functions
    std::vector<size_t> returns_;        // positions of the jumps a `ret` became
    std::vector<TailCopy> tailCopies_;   // jumps back to a return block
};

} // namespace

std::optional<SignedMagnitude> parseInteger(std::string_view t) {
    SignedMagnitude out{!t.empty() && t.front() == '-', 0};
    if (out.negative) t.remove_prefix(1);
    int base = 10;
    if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
        base = 16;
        t.remove_prefix(2);
    }
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out.magnitude, base);
    if (t.empty() || ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
    return out;
}

Program parseProgram(std::string_view text, std::string_view file, std::string_view symbol,
                     Dialect dialect) {
    return Parser(file, symbol, dialect).run(text);
}

std::string_view soleGlobal(std::string_view text) {
    std::string_view found;
    int count = 0;
    for (size_t pos = text.find(".globl"); pos != std::string_view::npos;
         pos = text.find(".globl", pos + 1)) {
        size_t b = pos + 6;
        while (b < text.size() && isSpace(text[b])) ++b;
        size_t e = b;
        while (e < text.size() && isIdentChar(text[e])) ++e;
        found = text.substr(b, e - b);
        ++count;
    }
    return count == 1 ? found : std::string_view{};
}

namespace {

// Memory through a register (a buffer's word), not a stack slot or lea's address.
bool throughPointer(const Instruction& in) {
    auto pointer = [](const Operand& o) { return o.kind == kAddr && !o.isStack(); };
    return in.op != Op::Lea && (pointer(in.src) || pointer(in.dst) || pointer(in.src2));
}

// Whether the Kernel dialect reads `in` back: a sorting kernel's opcode, with operands of
// the kinds it allows there (`mov $5, %eax` is a function's), each plain.
bool kernelForm(const Instruction& in) {
    auto plain = [](const Operand& o) {
        return o.plain() && (o.kind != kReg || o.value < kMaxRegisters) && o.kind != kAddr;
    };
    if (!isSortOp(in.op) || !plain(in.src) || !plain(in.dst) || in.src2.kind != kNone) return false;
    const OpcodeInfo& oi = info(in.op);
    return oi.family == Family::Jump || oi.family == Family::Label ||
           ((in.src.kind & oi.srcKinds) && (in.dst.kind & oi.dstKinds) &&
            !(in.src.kind == kMem && in.dst.kind == kMem));
}

} // namespace

Dialect dialectOf(const Program& p) {
    for (const auto& in : p.code)
        if (!kernelForm(in))
            return std::any_of(p.code.begin(), p.code.end(), throughPointer) ? Dialect::Buffer
                                                                             : Dialect::Function;
    return Dialect::Kernel;
}

std::string readAssemblyFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ParseError(path + ": cannot open file");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Program readProgramFile(const std::string& path, std::string_view symbol, Dialect dialect) {
    return parseProgram(readAssemblyFile(path), path, symbol, dialect);
}

namespace {

char sizeSuffix(int size) {
    return size == 1 ? 'b' : size == 2 ? 'w' : size == 8 ? 'q' : 'l';
}

std::string address(const Operand& op) {
    std::string s = op.value == 0 ? "" : std::to_string(op.value);
    if (op.base < 0 && op.index < 0) return s;
    s += "(";
    if (op.base == kStackBase)
        s += "%rsp";
    else if (op.base >= 0)
        s += "%" + std::string(registerName(op.base, 8));
    if (op.index >= 0)
        s += ",%" + std::string(registerName(op.index, 8)) + "," + std::to_string(op.scale);
    return s + ")";
}

// Whether the printed instruction needs a size suffix: no register operand gives its
// size (the count of a shift does not), or it converts between sizes.
bool needsSuffix(const Instruction& in) {
    const Family family = info(in.op).family;
    if (family == Family::SetCond || in.op == Op::Cdq || in.op == Op::Cqo) return false;
    const bool shift = isShift(in.op);
    const bool memory = in.src.kind == kMem || in.dst.kind == kMem ||
                        (in.src.kind == kAddr && in.op != Op::Lea) || in.dst.kind == kAddr ||
                        in.src2.kind == kAddr;
    const bool sized =
        in.dst.kind == kReg || (!shift && in.src.kind == kReg) || in.src2.kind == kReg;
    return memory && !sized;
}

} // namespace

std::string toString(const Operand& op, const Program& p) {
    switch (op.kind) {
    case kReg:
        return std::string("%").append(registerName(op.value, op.size, op.high));
    case kMem:
        return op.value == 0 ? "(%rdi)" : std::to_string(4 * op.value).append("(%rdi)");
    case kImm:
        return std::string("$").append(std::to_string(op.value));
    case kLabel:
        return p.labelNames[op.value];
    case kAddr:
        return address(op);
    default:
        return "?";
    }
}

std::string toString(const Instruction& in, const Program& p) {
    const OpcodeInfo& oi = info(in.op);
    if (oi.family == Family::Label) return toString(in.dst, p) + ":";
    if (oi.family == Family::Jump) return std::string(oi.name) + " " + toString(in.dst, p);
    std::string name(oi.name);
    if (in.op == Op::Movzx || in.op == Op::Movsx)
        name.append(1, sizeSuffix(in.src.size)).append(1, sizeSuffix(in.dst.size));
    else if (needsSuffix(in))
        name += sizeSuffix(in.dst.kind != kNone ? in.dst.size : in.src.size);
    std::string operands;
    for (const Operand* o : {&in.src, &in.src2, &in.dst})
        if (o->kind != kNone) operands += (operands.empty() ? " " : ", ") + toString(*o, p);
    return name + operands;
}

std::vector<std::string> toLines(const Program& p) {
    std::vector<std::string> lines;
    for (const auto& in : p.code) lines.push_back(toString(in, p));
    return lines;
}

std::string toText(const Program& p) {
    std::string out;
    for (const auto& line : toLines(p)) out += line + "\n";
    return out;
}

} // namespace superopt
