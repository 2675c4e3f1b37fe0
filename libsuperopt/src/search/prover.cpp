// The exhaustive prover (prover.hpp): iterative deepening depth-first search over the
// instructions the alphadev profile allows in a straight-line sortN program, run on
// ranks over a set of test cases (lanes), with a transposition table and a lower bound.
//
// Soundness. A proof of absence claims: no program of at most L instructions, legal
// under alphadev with R registers, sorts every input. Each pruning rule below removes
// only programs for which another program the search does visit is as short, as legal
// and correct on the same lanes; and correctness on every lane of the complete set (every
// weak ordering) is correctness on every input (README, Correctness). The search first
// runs on the permutations, a subset: finding no program there proves absence. A program
// correct on the permutations is checked on the complete set; if it fails there the
// search goes on with the complete set as its lanes, since permutation-equal states may
// differ on ties and the rules below merge states by their lanes.
#include "superopt/search/prover.hpp"

#include "superopt/core/files.hpp"
#include "superopt/core/isa.hpp"
#include "superopt/core/rules.hpp"
#include "superopt/core/verify.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace superopt {

namespace {

// The test cases as ranks (0 = the lane's smallest value): comparisons and moves see
// only the order of values, so ranks behave as the values do.
struct Lanes {
    std::string name;
    int words = 0, count = 0;
    std::vector<uint8_t> input, target; // [word][lane]

    const uint8_t* in(int w) const { return input.data() + size_t(w) * count; }
    const uint8_t* out(int w) const { return target.data() + size_t(w) * count; }
};

Lanes ranked(const TestSet& set, const std::string& name) {
    Lanes l{name, set.slots, set.count, {}, {}};
    l.input.resize(size_t(set.slots) * set.count);
    l.target.resize(l.input.size());
    for (int c = 0; c < set.count; ++c) {
        std::vector<int32_t> values;
        for (int w = 0; w < set.slots; ++w) values.push_back(set.in(w, c));
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        auto rank = [&](int32_t v) {
            return uint8_t(std::lower_bound(values.begin(), values.end(), v) - values.begin());
        };
        for (int w = 0; w < set.slots; ++w) {
            l.input[size_t(w) * set.count + c] = rank(set.in(w, c));
            l.target[size_t(w) * set.count + c] = rank(set.out(w, c));
        }
    }
    return l;
}

enum class Kind : uint8_t { Load, Store, Move, Compare, CondMove };

struct Move {
    Kind kind;
    Op op;
    int8_t src, dst; // registers, or the word of a load (src) or store (dst)
};

Instruction toInstruction(const Move& m) {
    switch (m.kind) {
    case Kind::Load:
        return {Op::Mov, Operand::mem(m.src), Operand::reg(m.dst)};
    case Kind::Store:
        return {Op::Mov, Operand::reg(m.src), Operand::mem(m.dst)};
    default:
        return {m.op, Operand::reg(m.src), Operand::reg(m.dst)};
    }
}

// The state after a program prefix: everything its continuations depend on. Memory is
// not kept: a word not yet written holds its input, a written one its sorted value
// (rule: stores). Bytes: the header, then each register's ranks over the lanes, then
// the flags per lane; padded to 8 bytes, zero-filled, so states compare as bytes.
class StateLayout {
  public:
    StateLayout(int registers, int lanes)
        : registers_(registers), lanes_(lanes),
          bytes_((kHeader + size_t(registers + 1) * lanes + 7) / 8 * 8) {}
    size_t bytes() const { return bytes_; }
    int registers() const { return registers_; }
    int lanes() const { return lanes_; }

    struct Header {
        uint16_t defined;  // registers written so far
        uint16_t unread;   // registers whose value has not been read since written
        uint8_t wordsRead; // words loaded
        uint8_t wordsWritten;
        uint8_t flags; // kFlagsDefined | kFlagsUnread | kLastWasCompare
        uint8_t zero;
    };
    static constexpr uint8_t kFlagsDefined = 1, kFlagsUnread = 2, kLastWasCompare = 4;
    static_assert(sizeof(Header) == 8);

    static Header& header(uint8_t* s) { return *reinterpret_cast<Header*>(s); }
    static const Header& header(const uint8_t* s) { return *reinterpret_cast<const Header*>(s); }
    uint8_t* reg(uint8_t* s, int r) const { return s + kHeader + size_t(r) * lanes_; }
    const uint8_t* reg(const uint8_t* s, int r) const { return s + kHeader + size_t(r) * lanes_; }
    int8_t* flags(uint8_t* s) const {
        return reinterpret_cast<int8_t*>(s + kHeader + size_t(registers_) * lanes_);
    }
    const int8_t* flags(const uint8_t* s) const {
        return reinterpret_cast<const int8_t*>(s + kHeader + size_t(registers_) * lanes_);
    }

  private:
    static constexpr size_t kHeader = sizeof(Header);
    int registers_, lanes_;
    size_t bytes_;
};

uint64_t hashBytes(const uint8_t* s, size_t bytes) {
    uint64_t h = 0x9e3779b97f4a7c15ull;
    for (size_t i = 0; i < bytes; i += 8) {
        uint64_t w;
        std::memcpy(&w, s + i, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
    }
    return h;
}

// Rule: transposition table. A state whose subtree was searched with `remaining`
// instructions left and held no correct program holds none with fewer left. Entries
// keep the whole state (compared byte for byte, so a hash collision never prunes), in
// buckets of 4; a full bucket gives up its entry with the least left. Memory: fixed at
// construction.
class TranspositionTable {
  public:
    TranspositionTable(size_t stateBytes, int64_t megabytes) : stateBytes_(stateBytes) {
        const size_t entryBytes = stateBytes + sizeof(uint64_t) + 1;
        size_t buckets = std::bit_floor(
            std::max<size_t>(1, size_t(megabytes) * 1024 * 1024 / (entryBytes * kBucket)));
        mask_ = buckets - 1;
        hashes_.assign(buckets * kBucket, 0);
        remaining_.assign(buckets * kBucket, -1);
        states_.assign(buckets * kBucket * stateBytes, 0);
    }

    // True when the state was searched before with at least `remaining` left.
    bool covers(const uint8_t* s, uint64_t h, int remaining) {
        const size_t e = find(s, h);
        if (e == kNone || remaining_[e] < remaining) return false;
        ++hits_;
        return true;
    }

    void store(const uint8_t* s, uint64_t h, int remaining) {
        size_t e = find(s, h);
        if (e == kNone) {
            const size_t first = (h & mask_) * kBucket;
            e = first;
            for (size_t i = first; i < first + kBucket; ++i)
                if (remaining_[i] < remaining_[e]) e = i;
            if (remaining_[e] < 0) ++entries_;
            hashes_[e] = h;
            std::memcpy(&states_[e * stateBytes_], s, stateBytes_);
        }
        remaining_[e] = int8_t(std::max<int>(remaining_[e], remaining));
        ++stores_;
    }

    // The table as a file beside a checkpoint (raw arrays after a header), so that a
    // resumed run keeps what the runs before it learned. load() takes only a file
    // written with the same tag and sizes; else it leaves the table empty.
    void save(const std::string& path, const std::string& tag) const {
        std::string bytes = header(tag);
        auto put = [&](const void* p, size_t n) { bytes.append(static_cast<const char*>(p), n); };
        put(hashes_.data(), hashes_.size() * sizeof(uint64_t));
        put(remaining_.data(), remaining_.size());
        put(states_.data(), states_.size());
        writeFileAtomic(path, bytes);
    }
    bool load(const std::string& path, const std::string& tag) {
        std::ifstream in(path, std::ios::binary);
        std::string head = header(tag), got(head.size(), '\0');
        if (!in.read(got.data(), std::streamsize(got.size())) || got != head) return false;
        auto get = [&](void* p, size_t n) {
            return bool(in.read(static_cast<char*>(p), std::streamsize(n)));
        };
        if (!get(hashes_.data(), hashes_.size() * sizeof(uint64_t)) ||
            !get(remaining_.data(), remaining_.size()) || !get(states_.data(), states_.size())) {
            std::fill(remaining_.begin(), remaining_.end(), int8_t(-1));
            return false;
        }
        entries_ =
            std::count_if(remaining_.begin(), remaining_.end(), [](int8_t r) { return r >= 0; });
        return true;
    }

    int64_t entries() const { return entries_; }
    int64_t hits() const { return hits_; }
    int64_t stores() const { return stores_; }

  private:
    static constexpr size_t kBucket = 4, kNone = SIZE_MAX;
    // `tag` names what the states mean (task, registers, lanes): a table of other
    // states, even of the same size, must never prune.
    std::string header(const std::string& tag) const {
        return "superopt prover table 1 " + tag + " " + std::to_string(stateBytes_) + " " +
               std::to_string(mask_ + 1) + "\n";
    }
    size_t find(const uint8_t* s, uint64_t h) const {
        const size_t first = (h & mask_) * kBucket;
        for (size_t i = first; i < first + kBucket; ++i)
            if (remaining_[i] >= 0 && hashes_[i] == h &&
                std::memcmp(&states_[i * stateBytes_], s, stateBytes_) == 0)
                return i;
        return kNone;
    }
    size_t stateBytes_, mask_ = 0;
    std::vector<uint64_t> hashes_;
    std::vector<int8_t> remaining_; // -1: empty
    std::vector<uint8_t> states_;
    int64_t entries_ = 0, hits_ = 0, stores_ = 0;
};

constexpr Op kCondMoves[] = {Op::Cmovl, Op::Cmovg, Op::Cmovle, Op::Cmovge, Op::Cmove, Op::Cmovne};

// One depth-first search with a length limit, over one set of lanes.
class Search {
  public:
    Search(const Lanes& lanes, int registers, TranspositionTable& table,
           const std::atomic<bool>& stop, const std::function<bool()>& tick)
        : lanes_(lanes), layout_(registers, lanes.count), table_(table), stop_(stop), tick_(tick) {}

    enum class Result { Found, None, Stopped };

    // Searches under `limit`, from `resume` (move indices per depth; empty: the start).
    Result run(int limit, const std::vector<int>& resume = {}) {
        reset(limit);
        resume_ = resume;
        followed_ = int(resume.size());
        index_.assign(limit + 1, 0);
        stoppedAt_ = 0;
        return visit(0);
    }
    // After Stopped: the move indices leading to the node where it stopped.
    std::vector<int> stoppedPath() const {
        return std::vector<int>(index_.begin(), index_.begin() + stoppedAt_);
    }
    int64_t nodes() const { return nodes_; }
    Program program(int length) const {
        Program p;
        for (int i = 0; i < length; ++i) p.code.push_back(toInstruction(path_[i]));
        return p;
    }
    int foundLength() const { return foundLength_; }
    // The admissible lower bound of the start state.
    int startBound() {
        reset(0);
        return lowerBound(states_.data(), 0);
    }

  private:
    static constexpr int kImpossible = 1 << 20;

    void reset(int limit) {
        limit_ = limit;
        states_.assign(size_t(limit + 1) * layout_.bytes(), 0);
        keys_.assign(states_.size(), 0);
        moves_.assign(limit + 1, {});
        path_.assign(limit, {});
        groups_.assign(size_t(limit + 1) * lanes_.count, 0); // one group at the start
        largestGroup_.assign(limit + 1, lanes_.count);
    }
    uint8_t* state(int depth) { return &states_[size_t(depth) * layout_.bytes()]; }
    uint8_t* key(int depth) { return &keys_[size_t(depth) * layout_.bytes()]; }
    uint16_t* groups(int depth) { return &groups_[size_t(depth) * lanes_.count]; }

    // The lanes' groups after move m at depth: a compare splits each by its outcome.
    void regroup(int depth, const Move& m, const uint8_t* after) {
        uint16_t* from = groups(depth);
        uint16_t* to = groups(depth + 1);
        if (m.kind != Kind::Compare) {
            std::copy(from, from + lanes_.count, to);
            largestGroup_[depth + 1] = largestGroup_[depth];
            return;
        }
        const int8_t* f = layout_.flags(after);
        renumber_.assign(size_t(lanes_.count) * 3, -1);
        sizes_.assign(size_t(lanes_.count) * 3, 0);
        int next = 0, largest = 0;
        for (int l = 0; l < lanes_.count; ++l) {
            const size_t key = size_t(from[l]) * 3 + (f[l] < 0 ? 0 : f[l] == 0 ? 1 : 2);
            if (renumber_[key] < 0) renumber_[key] = next++;
            to[l] = uint16_t(renumber_[key]);
            largest = std::max(largest, ++sizes_[key]);
        }
        largestGroup_[depth + 1] = largest;
    }

    // Rule: lower bound. Every word not yet loaded needs a load and every word not yet
    // stored a store (each input matters on the permutations, and every word's final
    // value differs from its input on some permutation); every sorted value that a
    // word still to be stored needs and that no register holds needs a cmov, the only
    // instruction that makes a value no register holds yet (a load makes an input
    // column, never a sorted one; a mov copies); and compares (below). Different
    // instructions, so the counts add up. Returns more than any limit when a value
    // some word still needs is gone from a lane: instructions only move values, and a
    // word is loaded only while it still holds its input.
    int lowerBound(const uint8_t* s, int depth) const {
        const auto& h = StateLayout::header(s);
        const int all = (1 << lanes_.words) - 1;
        int missing = 0;
        for (int w = 0; w < lanes_.words; ++w) {
            if (h.wordsWritten >> w & 1) continue;
            bool held = false;
            for (int r = 0; r < layout_.registers() && !held; ++r)
                held = (h.defined >> r & 1) &&
                       std::memcmp(layout_.reg(s, r), lanes_.out(w), lanes_.count) == 0;
            missing += !held;
        }
        if (valueLost(s)) return kImpossible;
        const int compares = std::max(comparesNeeded(depth),
                                      int(missing > 0 && !(h.flags & StateLayout::kFlagsDefined)));
        return std::popcount(unsigned(all & ~h.wordsRead)) +
               std::popcount(unsigned(all & ~h.wordsWritten)) + missing + compares;
    }

    bool valueLost(const uint8_t* s) const {
        const auto& h = StateLayout::header(s);
        for (int l = 0; l < lanes_.count; ++l) {
            unsigned available = 0, needed = 0;
            for (int r = 0; r < layout_.registers(); ++r)
                if (h.defined >> r & 1) available |= 1u << layout_.reg(s, r)[l];
            for (int w = 0; w < lanes_.words; ++w) {
                if (!(h.wordsRead >> w & 1)) available |= 1u << lanes_.in(w)[l];
                if (!(h.wordsWritten >> w & 1)) needed |= 1u << lanes_.out(w)[l];
            }
            if (needed & ~available) return true;
        }
        return false;
    }

    // Compares: lanes whose compares so far came out alike have had the very same
    // values moved (a cmov's choice depends only on the last compare's outcome), so
    // they end with each word taken from the same input position. Two different
    // permutations need different positions for some word, so at the end every
    // permutation lane must stand alone, and a compare splits a group of lanes at most
    // three ways (less, equal, greater): at least log3 of the largest group compares
    // remain. (On the complete set, ties let different lanes share positions; no bound.)
    int comparesNeeded(int depth) const {
        if (!lanesArePermutations_) return 0;
        int need = 0;
        for (int64_t reach = 1; reach < largestGroup_[depth]; reach *= 3) ++need;
        return need;
    }

    // Rule: register names. Renaming registers in the order of their first write maps
    // any program to one as long, as legal and as correct, so a write to a register
    // not yet written goes to the lowest such register.
    // Rule: no dead code. A register overwritten before its value is read, or a
    // compare whose flags no cmov reads before the next compare, is dead: removing it
    // (and then what becomes dead) keeps the program correct and legal (nothing it
    // wrote was read; a compare left next to a compare was itself dead) and shorter.
    bool canOverwrite(const StateLayout::Header& h, int r) const {
        if (h.defined >> r & 1) return !(h.unread >> r & 1);
        return r == std::countr_one(unsigned(h.defined));
    }

    void generate(const uint8_t* s, std::vector<Move>& out) const {
        out.clear();
        const auto& h = StateLayout::header(s);
        const int regs = layout_.registers();
        auto defined = [&](int r) { return (h.defined >> r & 1) != 0; };
        // Rule: stores. Profile alphadev writes each word at most once, so a store
        // writes the word's final value: only a register holding the sorted value for
        // that word on every lane may be stored. A word is stored only after its input
        // was loaded (alphadev memory moves only by mov: the input would be lost).
        for (int w = 0; w < lanes_.words; ++w) {
            if ((h.wordsWritten >> w & 1) || !(h.wordsRead >> w & 1)) continue;
            for (int r = 0; r < regs; ++r)
                if (defined(r) && std::memcmp(layout_.reg(s, r), lanes_.out(w), lanes_.count) == 0)
                    out.push_back({Kind::Store, Op::Mov, int8_t(r), int8_t(w)});
        }
        const bool flagsDefined = h.flags & StateLayout::kFlagsDefined;
        if (flagsDefined)
            for (Op op : kCondMoves)
                for (int src = 0; src < regs; ++src)
                    for (int dst = 0; dst < regs; ++dst)
                        if (src != dst && defined(src) && defined(dst))
                            out.push_back({Kind::CondMove, op, int8_t(src), int8_t(dst)});
        // Rule: compare operands. `cmp b, a` sets the mirror image of `cmp a, b`'s
        // flags (less for greater), and the cmov conditions come in mirror pairs (l/g,
        // le/ge, e, ne), so a program stays as it is with its compares' operands in
        // register order and their cmovs' conditions mirrored: only src < dst.
        const bool deadCompare = flagsDefined && (h.flags & StateLayout::kFlagsUnread);
        if (!(h.flags & StateLayout::kLastWasCompare) && !deadCompare)
            for (int src = 0; src < regs; ++src)
                for (int dst = src + 1; dst < regs; ++dst)
                    if (defined(src) && defined(dst))
                        out.push_back({Kind::Compare, Op::Cmp, int8_t(src), int8_t(dst)});
        for (int w = 0; w < lanes_.words; ++w) {
            if ((h.wordsRead >> w & 1) || (h.wordsWritten >> w & 1)) continue;
            for (int r = 0; r < regs; ++r)
                if (canOverwrite(h, r)) out.push_back({Kind::Load, Op::Mov, int8_t(w), int8_t(r)});
        }
        for (int src = 0; src < regs; ++src)
            for (int dst = 0; dst < regs; ++dst)
                if (src != dst && defined(src) && canOverwrite(h, dst))
                    out.push_back({Kind::Move, Op::Mov, int8_t(src), int8_t(dst)});
    }

    // The instruction's effect, the emulator's semantics on ranks (isa.hpp:
    // compareFlags, holds).
    void apply(const uint8_t* from, uint8_t* to, const Move& m) const {
        std::memcpy(to, from, layout_.bytes());
        auto& h = StateLayout::header(to);
        const int n = lanes_.count;
        const uint16_t src = uint16_t(1u << m.src), dst = uint16_t(1u << m.dst);
        h.flags &= uint8_t(~StateLayout::kLastWasCompare);
        switch (m.kind) {
        case Kind::Load:
            std::memcpy(layout_.reg(to, m.dst), lanes_.in(m.src), n);
            h.wordsRead |= uint8_t(1u << m.src);
            h.defined |= dst;
            h.unread |= dst;
            break;
        case Kind::Store:
            h.wordsWritten |= uint8_t(1u << m.dst);
            h.unread &= uint16_t(~src);
            break;
        case Kind::Move:
            std::memcpy(layout_.reg(to, m.dst), layout_.reg(to, m.src), n);
            h.unread = uint16_t((h.unread & ~src) | dst);
            h.defined |= dst;
            break;
        case Kind::Compare: {
            const uint8_t *a = layout_.reg(to, m.src), *b = layout_.reg(to, m.dst);
            int8_t* f = layout_.flags(to);
            for (int l = 0; l < n; ++l) f[l] = int8_t(compareFlags(b[l], a[l]));
            h.unread &= uint16_t(~(src | dst));
            h.flags |= StateLayout::kFlagsDefined | StateLayout::kFlagsUnread |
                       StateLayout::kLastWasCompare;
            break;
        }
        case Kind::CondMove: {
            const Cond c = info(m.op).cond;
            const uint8_t* a = layout_.reg(to, m.src);
            uint8_t* b = layout_.reg(to, m.dst);
            const int8_t* f = layout_.flags(to);
            for (int l = 0; l < n; ++l)
                if (holds(c, f[l])) b[l] = a[l];
            h.unread = uint16_t((h.unread & ~src) | dst);
            h.flags &= uint8_t(~StateLayout::kFlagsUnread);
            break;
        }
        }
    }

    Result visit(int depth) {
        uint8_t* s = state(depth);
        if ((++nodes_ & 0xffff) == 0 && (stop_ || !tick_())) {
            stoppedAt_ = depth;
            return Result::Stopped;
        }
        const auto& h = StateLayout::header(s);
        if (h.wordsWritten == (1 << lanes_.words) - 1) { // every word holds its sorted value
            foundLength_ = depth;
            return Result::Found;
        }
        const int remaining = limit_ - depth;
        if (lowerBound(s, depth) > remaining) return Result::None;
        const uint8_t* k = canonical(s, key(depth));
        const uint64_t hash = hashBytes(k, layout_.bytes());
        if (table_.covers(k, hash, remaining)) return Result::None;
        auto& moves = moves_[depth];
        generate(s, moves);
        // On a resumed run's path, the moves before the path's were searched already.
        const bool onPath = depth < followed_;
        if (onPath && resume_[depth] >= int(moves.size()))
            throw std::invalid_argument("the checkpoint's path does not fit this search");
        for (int i = onPath ? resume_[depth] : 0; i < int(moves.size()); ++i) {
            const Move& m = moves[i];
            index_[depth] = i;
            apply(s, state(depth + 1), m);
            regroup(depth, m, state(depth + 1));
            path_[depth] = m;
            const Result r = visit(depth + 1);
            if (onPath) followed_ = std::min(followed_, depth); // off the path from here
            if (r != Result::None) return r;
        }
        table_.store(k, hash, remaining);
        return Result::None;
    }

    // Rule: register names, in the table. States that differ only in which register
    // holds which value have the same continuations up to renaming (the registers
    // written so far are always 0..k-1, and the others are alike), so the table keys a
    // state by its registers sorted by value (each with its unread bit), written to `out`.
    const uint8_t* canonical(const uint8_t* s, uint8_t* out) {
        const auto& h = StateLayout::header(s);
        const int k = std::countr_one(unsigned(h.defined));
        const int n = lanes_.count;
        order_.resize(k);
        for (int r = 0; r < k; ++r) order_[r] = r;
        std::sort(order_.begin(), order_.end(), [&](int a, int b) {
            const int c = std::memcmp(layout_.reg(s, a), layout_.reg(s, b), n);
            return c != 0 ? c < 0 : (h.unread >> a & 1) < (h.unread >> b & 1);
        });
        std::memcpy(out, s, layout_.bytes());
        auto& kh = StateLayout::header(out);
        kh.unread = 0;
        for (int r = 0; r < k; ++r) {
            std::memcpy(layout_.reg(out, r), layout_.reg(s, order_[r]), n);
            kh.unread |= uint16_t((h.unread >> order_[r] & 1) << r);
        }
        return out;
    }

    const Lanes& lanes_;
    StateLayout layout_;
    TranspositionTable& table_;
    const std::atomic<bool>& stop_;
    const std::function<bool()>& tick_;
    int limit_ = 0, foundLength_ = 0;
    int64_t nodes_ = 0;
    std::vector<uint8_t> states_;          // per depth
    std::vector<uint8_t> keys_;            // per depth: the state's table key (canonical)
    std::vector<std::vector<Move>> moves_; // per depth
    std::vector<Move> path_;
    std::vector<int> resume_, index_; // run(): the path to resume; the move index per depth
    int followed_ = 0, stoppedAt_ = 0;
    const bool lanesArePermutations_ = lanes_.name == "permutations";
    std::vector<uint16_t> groups_;      // per depth and lane: the lane's group
    std::vector<int64_t> largestGroup_; // per depth
    std::vector<int> renumber_, sizes_; // regroup(): scratch
    std::vector<int> order_;            // canonical(): scratch
};

std::vector<std::string> rulesUsed() {
    return {
        "lanes: the permutations first (a program wrong on one is wrong); a program right on "
        "them is checked on every weak ordering, and if wrong there the search goes on with "
        "every weak ordering as its lanes",
        "register names: registers are first written in number order, and the table keys "
        "states by their registers sorted by value",
        "compare operands in register order (cmov conditions come in mirror pairs)",
        "no dead code: no register overwritten before its value is read, no compare whose "
        "flags are never read",
        "stores: each word written once (alphadev), so only with its sorted value, and only "
        "after its input was loaded",
        "transposition table: a state (registers and flags over the lanes, words read and "
        "written, registers written and not yet read, flags set and read, last instruction "
        "a compare) searched before with as many instructions left is not searched again",
        "lower bound: words still to load + words still to store + sorted values no register "
        "holds (a cmov each) + compares: log3 of the largest group of permutation lanes "
        "that every compare so far treated alike (at least one if a cmov is still needed "
        "and none was made)",
        "values: a state where a value some word still needs is gone from a lane is dead",
    };
}

std::string tableTag(const ProofResult& r, const Lanes& lanes) {
    return r.task + "/" + r.profile + "/" + std::to_string(r.registers) + "/" + lanes.name;
}

std::string statementOf(const ProofResult& r) {
    const std::string how =
        " under profile alphadev with " + std::to_string(r.registers) + " registers";
    if (r.outcome == ProofResult::Outcome::Found)
        return "a " + r.task + " program of " + std::to_string(r.program->length()) +
               " instructions exists" + how + "; no program of " + std::to_string(r.provenNone) +
               " or fewer does";
    if (r.provenNone == 0) return "nothing proved";
    return "no " + r.task + " program of " + std::to_string(r.provenNone) +
           " or fewer instructions exists" + how;
}

} // namespace

ProofResult prove(const ProofConfig& config, const std::atomic<bool>& stop,
                  const std::function<void(const ProofProgress&)>& progress) {
    const Task task = Task::parse(config.task);
    if (task.kind() != Task::Kind::Sort)
        throw std::invalid_argument("task '" + config.task +
                                    "': the prover handles sortN only (varsort has branches, "
                                    "which it does not search yet)");
    if (config.length < 1 || config.length > 120)
        throw std::invalid_argument("length must be in 1..120");
    if (config.registers < 0 || config.registers > kMaxRegisters)
        throw std::invalid_argument("registers must be in 0.." + std::to_string(kMaxRegisters));
    if (config.tableMegabytes < 1) throw std::invalid_argument("table size must be positive");
    if (config.seconds < 0) throw std::invalid_argument("seconds must not be negative");

    ProofResult result;
    result.task = task.name();
    result.registers = config.registers > 0 ? config.registers : task.registers();
    result.length = config.length;
    result.rules = rulesUsed();
    result.nodesPerDepth.assign(config.length + 1, 0);

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    double lastReport = 0;
    ProofProgress now;
    int64_t nodesBefore = 0;
    const Search* current = nullptr;
    const std::function<bool()> tick = [&] {
        const double t = elapsed();
        if (progress && t - lastReport >= 1) {
            lastReport = t;
            now.nodes = nodesBefore + current->nodes();
            now.seconds = t;
            now.depthNodes = current->nodes();
            progress(now);
        }
        return config.seconds <= 0 || t < config.seconds;
    };

    const Lanes permutations = ranked(task.training(), "permutations");
    const Lanes complete = ranked(completeSet(task), "complete set");
    const Lanes* lanes = &permutations;
    int limit = 0;
    std::vector<int> path;
    if (const auto& c = config.resume) {
        if (c->task != result.task || c->registers != result.registers)
            throw std::invalid_argument("the checkpoint is for " + c->task + " with " +
                                        std::to_string(c->registers) + " registers, not " +
                                        result.task + " with " + std::to_string(result.registers));
        if (c->lanes != permutations.name && c->lanes != complete.name)
            throw std::invalid_argument("the checkpoint's lanes '" + c->lanes + "' are unknown");
        if (c->limit < 1 || c->limit > config.length)
            throw std::invalid_argument("the checkpoint's length " + std::to_string(c->limit) +
                                        " is outside 1.." + std::to_string(config.length));
        lanes = c->lanes == complete.name ? &complete : &permutations;
        limit = c->limit;
        path = c->path;
        nodesBefore = c->nodes;
    }
    auto table = std::make_unique<TranspositionTable>(
        StateLayout(result.registers, lanes->count).bytes(), config.tableMegabytes);
    if (config.resume && !config.tableIn.empty())
        result.tableLoaded = table->load(config.tableIn, tableTag(result, *lanes));
    {
        Search first(*lanes, result.registers, *table, stop, tick);
        if (!config.resume) limit = std::max(1, first.startBound());
        result.provenNone = limit - 1; // the bound is admissible; or the checkpoint's
    }
    result.outcome = ProofResult::Outcome::None;
    for (; limit <= config.length; ++limit) {
        Search search(*lanes, result.registers, *table, stop, tick);
        current = &search;
        now.depth = limit;
        // Each length's tree grows about as much as the one before did over its own.
        const auto& n = result.nodesPerDepth;
        now.expectedNodes = limit >= 2 && n[limit - 1] > 0 && n[limit - 2] > 0
                                ? double(n[limit - 1]) * double(n[limit - 1]) / double(n[limit - 2])
                                : 0;
        now.lanes = lanes->name;
        const auto r = search.run(limit, path);
        path.clear();
        result.nodesPerDepth[limit] += search.nodes();
        nodesBefore += search.nodes();
        if (r == Search::Result::Stopped) {
            result.outcome = ProofResult::Outcome::Stopped;
            result.checkpoint = ProofCheckpoint{result.task, result.registers,     limit,
                                                lanes->name, search.stoppedPath(), nodesBefore};
            if (!config.tableOut.empty()) table->save(config.tableOut, tableTag(result, *lanes));
            break;
        }
        if (r == Search::Result::None) {
            result.provenNone = limit;
            continue;
        }
        Program p = search.program(search.foundLength());
        if (!isLegal(p, task, Profile::AlphaDev))
            throw std::logic_error("prover: found an illegal program:\n" + toText(p));
        if (verify(p, task).correct) {
            result.outcome = ProofResult::Outcome::Found;
            result.program = std::move(p);
            break;
        }
        if (lanes == &complete)
            throw std::logic_error("prover: a program right on the complete set failed verify");
        // Right on the permutations only: go on over the complete set at this length.
        lanes = &complete;
        table = std::make_unique<TranspositionTable>(
            StateLayout(result.registers, lanes->count).bytes(), config.tableMegabytes);
        --limit;
    }
    result.lanes = lanes->name;
    result.nodes = nodesBefore;
    result.tableEntries = table->entries();
    result.tableHits = table->hits();
    result.tableStores = table->stores();
    result.seconds = elapsed();
    result.statement = statementOf(result);
    return result;
}

} // namespace superopt
