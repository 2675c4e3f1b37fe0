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
    }
    return h;
}

std::vector<int> Program::calleeSaved() const {
    bool used[kMaxRegisters] = {};
    for (const auto& in : code) {
        if (in.src.kind == kReg) used[in.src.value] = true;
        if (in.dst.kind == kReg) used[in.dst.value] = true;
    }
    std::vector<int> out;
    for (int r = kFirstCalleeSaved; r < kMaxRegisters; ++r)
        if (used[r]) out.push_back(r);
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

class Parser {
  public:
    Parser(std::string_view file, std::string_view symbol) : file_(file), symbol_(symbol) {}

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
    // nothing follows it, goes. (A function file is read to its `.size` or the next
    // function, so that code after an early `ret` is read too.)
    void placeReturnLabel() {
        auto& code = prog_.code;
        if (!returns_.empty() && returns_.back() + 1 == code.size()) {
            code.pop_back();
            returns_.pop_back();
        }
        if (returns_.empty()) return;
        const int id = labelId(".L.ret");
        for (size_t at : returns_) code[at].dst = Operand::label(id);
        placeLabel(id);
    }

    // The one `.globl NAME` of a file, if there is exactly one.
    static std::string_view soleGlobal(std::string_view text) {
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
        if (!pops_.empty()) fail(s.col, "instruction after the epilogue's pop");
        auto op = opcodeByName(mnemonic);
        if (!op) fail(s.col, "unknown instruction '" + std::string(word) + "'");
        parseInstruction(*op, rest, s.col);
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
            if (!prog_.code.empty() || !pops_.empty())
                fail(operand.col, "push is allowed only in the prologue");
            pushes_.push_back(reg);
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

    int64_t integer(Piece p, std::string_view t) const {
        bool neg = !t.empty() && t.front() == '-';
        if (neg) t.remove_prefix(1);
        int base = 10;
        if (t.size() > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
            base = 16;
            t.remove_prefix(2);
        }
        int64_t v = 0;
        auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v, base);
        if (t.empty() || ec != std::errc() || ptr != t.data() + t.size())
            fail(p.col, "bad number '" + std::string(p.text) + "'");
        return neg ? -v : v;
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
        if (defined_[id])
            fail(p.col, "jump back to '" + std::string(t) + "' (line " +
                            std::to_string(definedAt_[id]) +
                            "): loops are outside the instruction set, which jumps only forward");
        if (labelUse_[id].first == 0) labelUse_[id] = {line_, p.col};
        return Operand::label(id);
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
};

} // namespace

Program parseProgram(std::string_view text, std::string_view file, std::string_view symbol) {
    return Parser(file, symbol).run(text);
}

Program readProgramFile(const std::string& path, std::string_view symbol) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ParseError(path + ": cannot open file");
    std::stringstream ss;
    ss << in.rdbuf();
    return parseProgram(ss.str(), path, symbol);
}

std::string toString(const Operand& op, const Program& p) {
    switch (op.kind) {
    case kReg:
        return std::string("%").append(kRegisterNames[op.value]);
    case kMem:
        return op.value == 0 ? "(%rdi)" : std::to_string(4 * op.value).append("(%rdi)");
    case kImm:
        return std::string("$").append(std::to_string(op.value));
    case kLabel:
        return p.labelNames[op.value];
    default:
        return "?";
    }
}

std::string toString(const Instruction& in, const Program& p) {
    const OpcodeInfo& oi = info(in.op);
    if (oi.family == Family::Label) return toString(in.dst, p) + ":";
    if (oi.family == Family::Jump) return std::string(oi.name) + " " + toString(in.dst, p);
    std::string name(oi.name);
    if (in.src.kind == kImm && in.dst.kind == kMem) name += 'l'; // size is otherwise unknown
    return name + " " + toString(in.src, p) + ", " + toString(in.dst, p);
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
