// The exhaustive prover (prover.hpp): iterative deepening depth-first search over the
// instructions the alphadev profile allows in a straight-line sortN program, run on the
// values' ranks over a set of test cases (lanes), with a transposition table, a lower
// bound and more rules below; threads and MPI ranks share each length's tree out at a
// frontier (LimitSearch).
//
// Soundness. A proof of absence claims: no program of at most L instructions, legal
// under alphadev with R registers, sorts every input. Each pruning rule below removes
// only programs for which another program the search does visit is as short, as legal
// and correct on the same lanes; and correctness on every lane of the complete set (every
// weak ordering) is correctness on every input (README, Correctness). The search runs on
// the permutations, a subset: finding no program there proves absence. A program correct
// on the permutations is checked on the complete set; if it fails there the search goes
// on, and no subtree above it goes into the transposition table: states equal on the
// permutations may differ on ties, so only "no program right on the permutations below"
// is true of every state equal to it.
#include "superopt/search/prover.hpp"

#include "superopt/core/files.hpp"
#include "superopt/core/isa.hpp"
#include "superopt/core/rules.hpp"
#include "superopt/core/verify.hpp"

#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>

#include <sys/mman.h>

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

// Rule: input positions. The lanes (every permutation, or every weak ordering) are
// closed under permuting the input's positions: lane x has a partner lane x∘π for each
// permutation π of the words, with the same sorted values. A state S and the state πS
// whose registers and flags hold on lane x what S's hold on lane x∘π are alike: a
// continuation C from S sorts every lane exactly when C with each load of word w made a
// load of word π(w) does from πS (the load of w gives S the column x_w, which is πS's
// x_π(w)), as long as that is a word πS may still load, that is π maps the words not yet
// loaded onto themselves (a word is loaded at most once, and one loaded is never read
// again: alphadev). Stores are untouched (the sorted values are the same on x and x∘π),
// and so are the counts of every rule, so the table may key a state by any of its
// partners (canonical()). The order rule on loads (`pending`, `nextWord`) names words,
// so while loads are pending and words are left to load, only π = identity is used.
// Rule: mirror image. Lane x also has the partner y = top - x read backwards (y_w =
// top - x_(n-1-w), top the lane's largest rank), whose sorted values are x's, reversed
// and flipped. The state S* that holds on lane x the flipped value top - v of what S
// holds on lane y, with flipped flags (less for greater), is alike too: C from S sorts
// every lane exactly when C with every word w made word n-1-w (loads and stores) and
// every cmov condition mirrored (l for g, le for ge) does from S* (each value, each
// compare's outcome and each cmov's choice correspond; the word stored is the sorted
// value there). So a state's partners are πS and (πS)*.
class LaneSymmetry {
  public:
    // Only the identity when not `enabled` (ProofConfig::symmetry), beyond kMaxWords
    // (n! maps of n! lanes) or when the lanes are not closed under permuting positions.
    LaneSymmetry(const Lanes& lanes, bool enabled) : fixing_(size_t(1) << lanes.words) {
        if (!enabled || lanes.words > kMaxWords) return; // fixing_ left empty: no partners
        std::map<std::vector<uint8_t>, uint16_t> laneOf;
        for (int l = 0; l < lanes.count; ++l) laneOf.emplace(input(lanes, l), uint16_t(l));
        std::vector<int> pi(size_t(lanes.words));
        std::iota(pi.begin(), pi.end(), 0);
        std::vector<std::vector<int>> perms;
        do { // the identity first: next_permutation starts from the sorted order
            std::vector<uint16_t> map;
            for (int l = 0; l < lanes.count && map.size() == size_t(l); ++l) {
                std::vector<uint8_t> moved(size_t(lanes.words));
                for (size_t w = 0; w < moved.size(); ++w) moved[w] = lanes.in(pi[w])[l];
                const auto partner = laneOf.find(moved);
                if (partner != laneOf.end() && sameTargets(lanes, l, partner->second))
                    map.push_back(partner->second);
            }
            if (map.size() != size_t(lanes.count)) { // not closed: the identity alone
                maps_.resize(std::min<size_t>(maps_.size(), 1));
                perms.resize(maps_.size());
                break;
            }
            maps_.push_back(std::move(map));
            perms.push_back(pi);
        } while (std::next_permutation(pi.begin(), pi.end()));
        for (unsigned u = 0; u < fixing_.size(); ++u)
            for (size_t k = 0; k < perms.size(); ++k)
                if (keeps(perms[k], u)) fixing_[u].push_back(maps_[k].data());
        for (int l = 0; l < lanes.count && perms.size() > 1; ++l) {
            std::vector<uint8_t> x = input(lanes, l), y(x.size());
            top_.push_back(*std::max_element(x.begin(), x.end()));
            for (size_t w = 0; w < x.size(); ++w) y[w] = uint8_t(top_.back() - x[x.size() - 1 - w]);
            const auto partner = laneOf.find(y);
            if (partner == laneOf.end()) break;
            mirror_.push_back(partner->second);
        }
        if (mirror_.size() != size_t(lanes.count)) mirror_.clear(), top_.clear();
    }
    // The mirror image's lane map (lane l of S* takes lane mirror()[l] of S) and each
    // lane's largest rank; empty when the lanes are not closed under it.
    const std::vector<uint16_t>& mirror() const { return mirror_; }
    const std::vector<uint8_t>& top() const { return top_; }
    LaneSymmetry(const LaneSymmetry&) = delete; // fixing_ points into maps_
    LaneSymmetry& operator=(const LaneSymmetry&) = delete;

    // The lane maps (lane l of πS holds what lane map[l] of S does) of the π that map
    // the words not loaded (the bits of `unloaded`) onto themselves; the identity first.
    const std::vector<const uint16_t*>& fixing(unsigned unloaded) const {
        return fixing_[unloaded];
    }

  private:
    static constexpr int kMaxWords = 6;
    static std::vector<uint8_t> input(const Lanes& lanes, int l) {
        std::vector<uint8_t> x;
        for (int w = 0; w < lanes.words; ++w) x.push_back(lanes.in(w)[l]);
        return x;
    }
    static bool keeps(const std::vector<int>& pi, unsigned words) {
        for (size_t w = 0; w < pi.size(); ++w)
            if ((words >> w & 1) != (words >> pi[w] & 1)) return false;
        return true;
    }
    static bool sameTargets(const Lanes& lanes, int a, int b) {
        for (int w = 0; w < lanes.words; ++w)
            if (lanes.out(w)[a] != lanes.out(w)[b]) return false;
        return true;
    }
    std::vector<std::vector<uint16_t>> maps_; // per π
    std::vector<std::vector<const uint16_t*>> fixing_;
    std::vector<uint16_t> mirror_;
    std::vector<uint8_t> top_;
};

enum class Kind : uint8_t { Load, Store, Move, Compare, CondMove };

// A stop check that never stops: for searches that run to the end or are not run.
const std::function<bool()> kNeverStop = [] { return true; };

constexpr Op kCondMoves[] = {Op::Cmovl, Op::Cmovg, Op::Cmovle, Op::Cmovge, Op::Cmove, Op::Cmovne};

struct Move {
    Kind kind;
    Op op;
    int8_t src, dst; // registers, or the word of a load (src) or store (dst)
    friend bool operator==(const Move&, const Move&) = default;
};

// `program` as the search's moves: registers renamed in the order of their first write,
// compares' operands in register order with their cmovs' conditions mirrored (the
// rules: register names, compare operands). Throws std::invalid_argument for what the
// search does not make.
std::vector<Move> searchMoves(const Program& program, int registers) {
    std::vector<int> name(kMaxRegisters, -1);
    int named = 0;
    auto rename = [&](const Operand& o, bool write) {
        if (o.kind != kReg || !o.plain() || o.value >= kMaxRegisters)
            throw std::invalid_argument("an operand the prover does not use");
        if (name[o.value] < 0) {
            if (!write) throw std::invalid_argument("a register read before it is written");
            name[o.value] = named++;
        }
        return int8_t(name[o.value]);
    };
    const Op* conds = std::begin(kCondMoves);
    const Op mirror[] = {Op::Cmovg, Op::Cmovl, Op::Cmovge, Op::Cmovle, Op::Cmove, Op::Cmovne};
    std::vector<Move> moves;
    bool mirrored = false;
    for (const Instruction& in : program.code) {
        const Op* cond = std::find(conds, std::end(kCondMoves), in.op);
        if (in.op == Op::Mov && in.src.kind == kMem) {
            moves.push_back({Kind::Load, in.op, int8_t(in.src.value), rename(in.dst, true)});
        } else if (in.op == Op::Mov && in.dst.kind == kMem) {
            moves.push_back({Kind::Store, in.op, rename(in.src, false), int8_t(in.dst.value)});
        } else if (in.op == Op::Mov) {
            const int8_t src = rename(in.src, false);
            moves.push_back({Kind::Move, in.op, src, rename(in.dst, true)});
        } else if (in.op == Op::Cmp) {
            const int8_t a = rename(in.src, false), b = rename(in.dst, false);
            mirrored = a > b;
            moves.push_back({Kind::Compare, in.op, std::min(a, b), std::max(a, b)});
        } else if (cond != std::end(kCondMoves)) {
            const int8_t src = rename(in.src, false);
            moves.push_back({Kind::CondMove, mirrored ? mirror[cond - conds] : in.op, src,
                             rename(in.dst, false)});
        } else {
            throw std::invalid_argument("an instruction the prover does not make: " +
                                        std::string(info(in.op).name));
        }
    }
    if (named > registers)
        throw std::invalid_argument("the program uses " + std::to_string(named) +
                                    " registers, more than " + std::to_string(registers));
    return moves;
}

// `program` with each load moved down to just before the first instruction that reads
// its register, and loads next to each other in word order: the rule "loads last"
// (Search::generate) on a program. Other instructions keep their order.
Program loadsLast(Program program) {
    auto& code = program.code;
    auto isLoad = [](const Instruction& in) { return in.op == Op::Mov && in.src.kind == kMem; };
    auto reads = [](const Instruction& in, const Operand& r) {
        auto is = [&](const Operand& o) { return o.kind == kReg && o.value == r.value; };
        return is(in.src) || (in.op != Op::Mov && is(in.dst)); // cmp and cmov read both
    };
    for (size_t i = code.size(); i-- > 0;) {
        if (!isLoad(code[i])) continue;
        size_t j = i + 1;
        while (j < code.size() && !reads(code[j], code[i].dst)) ++j;
        if (j < code.size()) std::rotate(code.begin() + i, code.begin() + i + 1, code.begin() + j);
    }
    for (size_t i = 1; i < code.size(); ++i)
        for (size_t k = i; k > 0 && isLoad(code[k]) && isLoad(code[k - 1]) &&
                           code[k].src.value < code[k - 1].src.value;
             --k)
            std::swap(code[k], code[k - 1]);
    return program;
}

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
// The table's key packs those bytes (ranks below `words`, flags + 1 below 3) into as few
// bits each: on sort4 48 bytes against 160, so that a table holds three times the states.
class StateLayout {
  public:
    StateLayout(int registers, int lanes, int words)
        : registers_(registers), lanes_(lanes),
          bytes_((kHeader + size_t(registers + 1) * lanes + 7) / 8 * 8),
          bits_(std::bit_width(unsigned(std::max(words - 1, 2)))),
          keyBytes_((kHeader + (size_t(registers + 1) * lanes * bits_ + 7) / 8 + 1 + 7) / 8 * 8) {
        if (bits_ > 3) throw std::logic_error("prover: more than 8 words"); // sortN: N <= 8
    }
    size_t bytes() const { return bytes_; }
    size_t keyBytes() const { return keyBytes_; }
    int registers() const { return registers_; }
    int lanes() const { return lanes_; }

    struct Header {
        uint16_t defined;  // registers written so far
        uint16_t unread;   // registers whose value has not been read since written
        uint16_t pending;  // registers loaded since the last instruction that is no load
        uint8_t wordsRead; // words loaded
        uint8_t wordsWritten;
        uint8_t flags;    // kFlagsDefined | kFlagsUnread | kLastWasCompare
        uint8_t nextWord; // while `pending`: the last load's word + 1, else 0
        uint16_t zero;
    };
    static constexpr uint8_t kFlagsDefined = 1, kFlagsUnread = 2, kLastWasCompare = 4;
    static_assert(sizeof(Header) == 12);

    // The last compare's flags are defined and no cmov has read them yet.
    static bool compareUnread(const Header& h) {
        return (h.flags & kFlagsDefined) && (h.flags & kFlagsUnread);
    }

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

    // State s's key (keyBytes()): the header, then each lane byte in bits_ bits (flags
    // shifted to 0..2), zero-filled; one state, one key, and the other way round.
    void pack(const uint8_t* s, uint8_t* out) const {
        bits_ == 2 ? pack<2>(s, out) : pack<3>(s, out); // the width a constant: 3x faster
    }

  private:
    template <int Bits> void pack(const uint8_t* s, uint8_t* out) const {
        std::memset(out, 0, keyBytes_);
        std::memcpy(out, s, kHeader);
        const size_t regBytes = size_t(registers_) * lanes_, all = regBytes + size_t(lanes_);
        size_t bit = 0;
        auto put = [&](unsigned v) {
            const unsigned shifted = v << (bit % 8); // below 2^10: two bytes
            out[kHeader + bit / 8] |= uint8_t(shifted);
            out[kHeader + bit / 8 + 1] |= uint8_t(shifted >> 8);
            bit += Bits;
        };
        for (size_t i = 0; i < regBytes; ++i) put(s[kHeader + i]);
        for (size_t i = regBytes; i < all; ++i) put(uint8_t(s[kHeader + i] + 1));
    }

    static constexpr size_t kHeader = sizeof(Header);
    int registers_, lanes_;
    size_t bytes_;
    int bits_;
    size_t keyBytes_;
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

// Memory for the table's arrays, zero-filled, in huge pages where the kernel gives them
// (MADV_HUGEPAGE: advice, ignored where unsupported): a lookup lands anywhere in
// gigabytes, and with 4 KB pages each one also misses the TLB.
template <class T> class TableArray {
  public:
    explicit TableArray(size_t count)
        : count_(count), bytes_(std::max<size_t>(count * sizeof(T), 1)) {
        void* p =
            ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
        ::madvise(p, bytes_, MADV_HUGEPAGE);
        data_ = static_cast<T*>(p);
    }
    ~TableArray() { ::munmap(data_, bytes_); }
    TableArray(const TableArray&) = delete;
    TableArray& operator=(const TableArray&) = delete;

    T* data() const { return data_; }
    size_t size() const { return count_; }
    T* begin() const { return data_; }
    T* end() const { return data_ + count_; }
    T& operator[](size_t i) const { return data_[i]; }

  private:
    T* data_;
    size_t count_, bytes_;
};

// Rule: transposition table. A state whose subtree was searched with `remaining`
// instructions left and held no correct program holds none with fewer left. Entries
// keep the whole state (compared byte for byte, so a hash collision never prunes), in
// buckets of 4; a full bucket gives up its entry with the least left. Memory: fixed at
// construction. Threads share one table: a bucket is read and written under its lock
// (one of kLocks, by bucket index), and an entry is stored only once its subtree was
// searched to the end (on a resumed run's path: from the checkpoint on, the runs before
// having searched the rest), so what one thread stores is true for every other.
class TranspositionTable {
  public:
    TranspositionTable(size_t stateBytes, int64_t megabytes)
        : stateBytes_(stateBytes), buckets_(bucketsFor(stateBytes, megabytes)),
          locks_(std::make_unique<std::mutex[]>(kLocks)), hashes_(buckets_ * kBucket),
          remaining_(buckets_ * kBucket), states_(buckets_ * kBucket * stateBytes) {
        std::fill(remaining_.begin(), remaining_.end(), int8_t(-1));
    }

    // True when the state was searched before with at least `remaining` left.
    bool covers(const uint8_t* s, uint64_t h, int remaining) {
        std::lock_guard lock(locks_[bucket(h) % kLocks]);
        const size_t e = find(s, h);
        if (e == kNone || remaining_[e] < remaining) return false;
        hits_.fetch_add(1, std::memory_order_relaxed);
        return true;
    }

    void store(const uint8_t* s, uint64_t h, int remaining) {
        std::lock_guard lock(locks_[bucket(h) % kLocks]);
        size_t e = find(s, h);
        if (e == kNone) {
            const size_t first = bucket(h) * kBucket;
            e = first;
            for (size_t i = first; i < first + kBucket; ++i)
                if (remaining_[i] < remaining_[e]) e = i;
            if (remaining_[e] < 0) entries_.fetch_add(1, std::memory_order_relaxed);
            hashes_[e] = h;
            std::memcpy(&states_[e * stateBytes_], s, stateBytes_);
        }
        remaining_[e] = int8_t(std::max<int>(remaining_[e], remaining));
        stores_.fetch_add(1, std::memory_order_relaxed);
    }

    // The table as a file beside a checkpoint (raw arrays after a header), so that a
    // resumed run keeps what the runs before it learned. load() takes only a file
    // written with the same tag and sizes; else it leaves the table empty. Neither may
    // run while a search uses the table.
    void save(const std::string& path, const std::string& tag) const {
        writeFileAtomic(path, [&](std::ostream& out) {
            auto put = [&](const void* p, size_t n) {
                out.write(static_cast<const char*>(p), std::streamsize(n));
            };
            out << header(tag);
            put(hashes_.data(), hashes_.size() * sizeof(uint64_t));
            put(remaining_.data(), remaining_.size());
            put(states_.data(), states_.size());
        });
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
    static constexpr size_t kBucket = 4, kNone = SIZE_MAX, kLocks = 4096;
    static size_t bucketsFor(size_t stateBytes, int64_t megabytes) {
        const size_t entryBytes = stateBytes + sizeof(uint64_t) + 1;
        return std::clamp<size_t>(size_t(megabytes) * 1024 * 1024 / (entryBytes * kBucket), 1,
                                  size_t(1) << 32);
    }
    // `tag` names what the states mean (task, registers, lanes): a table of other
    // states, even of the same size, must never prune.
    std::string header(const std::string& tag) const {
        return "superopt prover table 3 " + tag + " " + std::to_string(stateBytes_) + " " +
               std::to_string(buckets_) + "\n";
    }
    // The hash's top half scaled to the buckets (any count, not only powers of two).
    size_t bucket(uint64_t h) const { return size_t(((h >> 32) * buckets_) >> 32); }
    size_t find(const uint8_t* s, uint64_t h) const {
        const size_t first = bucket(h) * kBucket;
        for (size_t i = first; i < first + kBucket; ++i)
            if (remaining_[i] >= 0 && hashes_[i] == h &&
                std::memcmp(&states_[i * stateBytes_], s, stateBytes_) == 0)
                return i;
        return kNone;
    }
    size_t stateBytes_, buckets_;
    std::unique_ptr<std::mutex[]> locks_;
    TableArray<uint64_t> hashes_;
    TableArray<int8_t> remaining_; // -1: empty
    TableArray<uint8_t> states_;
    std::atomic<int64_t> entries_ = 0, hits_ = 0, stores_ = 0;
};

// One depth-first search with a length limit, over one set of lanes: the whole tree, or
// the subtree at a node of the frontier (below), as a thread of the parallel search does.
class Search {
  public:
    // `tick` is called every 65,536 nodes; false stops the search. `sorts` checks a
    // program right on the lanes on every input.
    Search(const Lanes& lanes, const LaneSymmetry& symmetry, int registers, int slack,
           TranspositionTable& table, const std::function<bool()>& tick,
           const std::function<bool(const Program&)>& sorts)
        : lanes_(lanes), symmetry_(symmetry), layout_(registers, lanes.count, lanes.words),
          table_(table), tick_(tick), sorts_(sorts), slack_(slack),
          words_((size_t(lanes.count) + 63) / 64) {}

    enum class Result { Found, None, Stopped };

    // Searches under `limit` the subtree at the node that `path`'s first `pinned` move
    // indices lead to, from the rest of `path` (move indices per depth: the moves before
    // them were searched already). The default: the whole tree from the start.
    Result run(int limit, const std::vector<int>& path = {}, int pinned = 0) {
        reset(limit);
        resume_ = path;
        followed_ = int(path.size());
        pinned_ = pinned;
        index_.assign(limit + 1, 0);
        stoppedAt_ = 0;
        return visit(0);
    }

    // The nodes the parallel search hands out, each as its move indices, in the
    // search's order: those of the first depth (at most `maxDepth`) with at least
    // `wanted` of them. Pruned as visit() prunes (the bounds; the table is left to the
    // threads, since a subtree may hold a program wrong on ties only). `maxDepth` <
    // startBound(), so no node down to the frontier is a whole program. Its inner nodes
    // count in nodes().
    std::vector<std::vector<int>> frontier(int limit, size_t wanted, int maxDepth) {
        std::vector<std::vector<int>> out;
        int64_t inner = 0;
        for (int depth = 0;; ++depth) {
            out.clear();
            inner = 0;
            reset(limit);
            index_.assign(limit + 1, 0);
            collect(0, depth, out, inner);
            if (out.size() >= wanted || depth >= maxDepth) break;
        }
        nodes_ += inner;
        return out;
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
    // The depth at which this search, under the limit moves.size(), does not reach the
    // end of `moves` (the move not made there, or the node pruned), or -1.
    int cut(const std::vector<Move>& moves) {
        const int limit = int(moves.size());
        reset(limit);
        for (int depth = 0;; ++depth) {
            if (pruned(state(depth), depth, limit - depth)) return depth;
            if (depth == limit) return -1;
            generate(state(depth), moves_[depth]);
            const auto& made = moves_[depth];
            if (std::find(made.begin(), made.end(), moves[depth]) == made.end()) return depth;
            apply(state(depth), state(depth + 1), moves[depth]);
            regroup(depth, moves[depth], state(depth + 1));
        }
    }

    // `moves` with each store moved up to where generate() first makes one of its word
    // (the rule: stores first), from the register generate() takes; as far as a store
    // can be found to move.
    std::vector<Move> storesFirst(std::vector<Move> moves) {
        reset(int(moves.size()));
        for (int depth = 0; depth < int(moves.size()); ++depth) {
            generate(state(depth), moves_[depth]);
            const auto& made = moves_[depth];
            if (!made.empty() && made[0].kind == Kind::Store &&
                std::find(made.begin(), made.end(), moves[depth]) == made.end()) {
                const auto later = std::find_if(moves.begin() + depth, moves.end(), [&](auto& m) {
                    return m.kind == Kind::Store && m.dst == made[0].dst;
                });
                if (later == moves.end()) break;
                moves.erase(later);
                moves.insert(moves.begin() + depth, made[0]);
            }
            apply(state(depth), state(depth + 1), moves[depth]);
        }
        return moves;
    }

    // Whether `path` leads to a node of this tree under `limit`, move by move (pruning
    // aside): the check of a checkpoint's path.
    bool leadsSomewhere(int limit, const std::vector<int>& path) {
        reset(limit);
        for (int depth = 0; depth < int(path.size()); ++depth) {
            if (depth >= limit) return false;
            generate(state(depth), moves_[depth]);
            if (path[depth] < 0 || path[depth] >= int(moves_[depth].size())) return false;
            apply(state(depth), state(depth + 1), moves_[depth][path[depth]]);
            regroup(depth, moves_[depth][path[depth]], state(depth + 1));
        }
        return true;
    }
    // The admissible lower bound of the start state.
    int startBound() {
        reset(0);
        return lowerBound(states_.data(), 0);
    }

  private:
    void collect(int depth, int target, std::vector<std::vector<int>>& out, int64_t& inner) {
        uint8_t* s = state(depth);
        if (pruned(s, depth, limit_ - depth)) return;
        if (depth == target) {
            out.emplace_back(index_.begin(), index_.begin() + depth);
            return;
        }
        ++inner;
        auto& moves = moves_[depth];
        generate(s, moves);
        for (int i = 0; i < int(moves.size()); ++i) {
            index_[depth] = i;
            apply(s, state(depth + 1), moves[i]);
            regroup(depth, moves[i], state(depth + 1));
            collect(depth + 1, target, out, inner);
        }
    }

    void reset(int limit) {
        limit_ = limit;
        states_.assign(size_t(limit + 1) * layout_.bytes(), 0);
        keys_.assign(size_t(limit + 1) * layout_.keyBytes(), 0);
        unpacked_.assign(layout_.bytes(), 0);
        moves_.assign(limit + 1, {});
        path_.assign(limit, {});
        groups_.assign(size_t(limit + 1) * lanes_.count, 0); // one group at the start
        largestGroup_.assign(limit + 1, lanes_.count);
    }
    uint8_t* state(int depth) { return &states_[size_t(depth) * layout_.bytes()]; }
    uint8_t* key(int depth) { return &keys_[size_t(depth) * layout_.keyBytes()]; }
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
    // instructions, so the counts add up.
    int lowerBound(const uint8_t* s, int depth) const {
        const auto& h = StateLayout::header(s);
        const int all = (1 << lanes_.words) - 1;
        int missing = 0;
        for (int w = 0; w < lanes_.words; ++w) {
            if (h.wordsWritten >> w & 1) continue;
            bool held = false;
            for (int r = 0; r < layout_.registers() && !held; ++r)
                held = (h.defined >> r & 1) && sameColumn(layout_.reg(s, r), lanes_.out(w));
            missing += !held;
        }
        const int compares = std::max(comparesNeeded(depth),
                                      int(missing > 0 && !(h.flags & StateLayout::kFlagsDefined)));
        // Every compare to come, and the last one if no cmov read its flags yet, needs a
        // cmov of its own before the next compare (no dead code), and a cmov makes at
        // most one missing value.
        const int cmovs = std::max(missing, compares + int(StateLayout::compareUnread(h)));
        return std::popcount(unsigned(all & ~h.wordsRead)) +
               std::popcount(unsigned(all & ~h.wordsWritten)) + cmovs + compares;
    }

    // Rule: intermediate values. A sorted value T no register holds is first made by a
    // cmov (a load makes an input column, a mov copies), and a cmov leaves on every lane
    // its destination's value or its source's. Following its inputs back through movs,
    // stopping at values that exist now (in registers, even ones overwritten later, or
    // in words not yet loaded: the search loads a word once and never reads back a
    // stored one) or at other sorted values still missing (their cmovs are counted by
    // lowerBound()), gives a DAG of cmovs whose leaves hold, lane by lane, T's value.
    // Its other cmovs are intermediates, which lowerBound() does not count, and k + 1
    // cmovs, each but T's used by another, have at most k + 2 leaf inputs. So when no
    // slack + 2 of those values cover T (on each lane one of them equals T), more
    // intermediates are needed than the instructions the bound leaves spare. Checked
    // up to a slack of slack_ (ProofConfig::intermediateSlack; the cost grows with it).
    bool pruned(const uint8_t* s, int depth, int remaining) {
        const int bound = lowerBound(s, depth);
        if (bound > remaining || valueLost(s)) return true; // the bound first: cheaper
        return remaining - bound <= slack_ && uncovered(s, remaining - bound + 2);
    }

    // Rule: values. A state where a value some word still needs is gone from a lane is
    // dead: instructions only move values, and a word is loaded only while it still
    // holds its input.
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

    // Some sorted value still missing that no `size` of the values above cover: the
    // values that exist (registers written, words not yet loaded) and the missing ones.
    bool uncovered(const uint8_t* s, int size) {
        const auto& h = StateLayout::header(s);
        columns_.clear();
        for (int r = 0; r < layout_.registers(); ++r)
            if (h.defined >> r & 1) columns_.push_back(layout_.reg(s, r));
        for (int w = 0; w < lanes_.words; ++w)
            if (!(h.wordsRead >> w & 1)) columns_.push_back(lanes_.in(w));
        const size_t existing = columns_.size();
        for (int w = 0; w < lanes_.words; ++w) {
            if (h.wordsWritten >> w & 1) continue;
            const uint8_t* t = lanes_.out(w);
            if (std::none_of(columns_.begin(), columns_.begin() + existing,
                             [&](const uint8_t* c) { return sameColumn(c, t); }))
                columns_.push_back(t);
        }
        masks_.resize(columns_.size() * words_);
        for (size_t target = existing; target < columns_.size(); ++target) {
            for (size_t c = 0; c < columns_.size(); ++c) {
                uint64_t* mask = &masks_[c * words_];
                if (c == target) // a value is not made out of itself
                    std::fill(mask, mask + words_, 0);
                else
                    equalLanes(columns_[c], columns_[target], mask);
            }
            covering_.assign((size_t(size) + 1) * words_, 0);
            if (!covers(size)) return true;
        }
        return false;
    }

    // The lanes of 64-lane word k.
    uint64_t fullMask(size_t k) const {
        const int left = lanes_.count - int(k * 64);
        return left >= 64 ? ~0ull : (1ull << left) - 1;
    }

    // Bit l of `out` (words_ words): columns a and b hold the same value on lane l.
    // Eight lanes at a time: the bytes of a ^ b that are zero, gathered into 8 bits.
    void equalLanes(const uint8_t* a, const uint8_t* b, uint64_t* out) const {
        std::fill(out, out + words_, 0);
        constexpr uint64_t kLow7 = 0x7f7f7f7f7f7f7f7full;
        for (int i = 0; i < lanes_.count; i += 8) {
            const int m = std::min(8, lanes_.count - i);
            uint64_t x = 0, y = 0;
            std::memcpy(&x, a + i, size_t(m));
            std::memcpy(&y, b + i, size_t(m));
            const uint64_t d = x ^ y;
            const uint64_t zero = ~(((d & kLow7) + kLow7) | d | kLow7); // 0x80 where equal
            const uint64_t bits = ((zero >> 7) * 0x0102040810204080ull >> 56) & ((1u << m) - 1);
            out[size_t(i) / 64] |= bits << (i % 64);
        }
    }

    // Whether `size` more columns cover every lane with those taken so far (their lanes
    // in covering_'s slice `size`). One of them covers the first lane left: only those
    // are tried (set-cover branching).
    bool covers(int size) {
        const uint64_t* taken = &covering_[size_t(size) * words_];
        int lane = -1;
        for (size_t i = 0; i < words_ && lane < 0; ++i)
            if (const uint64_t open = ~taken[i] & fullMask(i))
                lane = int(i * 64) + std::countr_zero(open);
        if (lane < 0) return true;
        if (size == 0) return false;
        uint64_t* next = &covering_[size_t(size - 1) * words_];
        for (size_t c = 0; c < columns_.size(); ++c) {
            const uint64_t* mask = &masks_[c * words_];
            if (!(mask[size_t(lane) / 64] >> (lane % 64) & 1)) continue;
            for (size_t i = 0; i < words_; ++i) next[i] = taken[i] | mask[i];
            if (covers(size - 1)) return true;
        }
        return false;
    }

    // Whether two columns of lanes are equal (memcmp, inlined: the hottest comparison).
    bool sameColumn(const uint8_t* a, const uint8_t* b) const {
        const int n = lanes_.count;
        int i = 0;
        for (uint64_t x, y; i + 8 <= n; i += 8) {
            std::memcpy(&x, a + i, 8);
            std::memcpy(&y, b + i, 8);
            if (x != y) return false;
        }
        for (; i < n; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }

    // Compares: lanes whose compares so far came out alike have had the very same
    // values moved (a cmov's choice depends only on the last compare's outcome), so
    // each register holds the same input position on all of them, and they end with
    // each word taken from the same input position. Two different permutations need
    // different positions for some word, so at the end every permutation lane must
    // stand alone. A compare splits a group at most two ways: its registers hold the
    // same two positions on every lane of the group, equal values on all of them when
    // the positions are the same, else (a permutation's values being distinct) less on
    // some and greater on the others. So at least log2 of the largest group compares
    // remain.
    int comparesNeeded(int depth) const {
        int need = 0;
        for (int64_t reach = 1; reach < largestGroup_[depth]; reach *= 2) ++need;
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
        // Rule: stores first. Nothing reads a word after its load, so a program's store
        // of word w may move up to the first point where w was loaded and a register
        // holds its sorted value (storing from that register), and stores commute: a
        // program as long (or, where the register it stored from is left with a value
        // never read, shorter by that dead code) stores each word as soon as it can, the
        // lowest word first. So where a store can be made, only the lowest word's is.
        for (int w = 0; w < lanes_.words && out.empty(); ++w) {
            if ((h.wordsWritten >> w & 1) || !(h.wordsRead >> w & 1)) continue;
            for (int r = 0; r < regs; ++r)
                if (defined(r) && sameColumn(layout_.reg(s, r), lanes_.out(w)))
                    out.push_back({Kind::Store, Op::Mov, int8_t(r), int8_t(w)});
        }
        if (!out.empty()) return;
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
        if (!(h.flags & StateLayout::kLastWasCompare) && !StateLayout::compareUnread(h))
            for (int src = 0; src < regs; ++src)
                for (int dst = src + 1; dst < regs; ++dst)
                    if (defined(src) && defined(dst))
                        out.push_back({Kind::Compare, Op::Cmp, int8_t(src), int8_t(dst)});
        // Rule: loads last. A load's register is neither read nor written before its
        // first reader (no dead code), so the load may move down to just before it, and
        // loads commute: a program as long loads each word just before the first
        // instruction that reads it (stores aside), the lowest word first where two
        // precede one reader. So after loads (`pending`), the next instruction other
        // than a store is a load of a higher word (at most two pending: no instruction
        // reads three registers) or reads every pending register.
        const bool morePending = std::popcount(unsigned(h.pending)) < 2;
        for (int w = h.nextWord; w < lanes_.words && morePending; ++w) {
            if ((h.wordsRead >> w & 1) || (h.wordsWritten >> w & 1)) continue;
            for (int r = 0; r < regs; ++r)
                if (canOverwrite(h, r)) out.push_back({Kind::Load, Op::Mov, int8_t(w), int8_t(r)});
        }
        for (int src = 0; src < regs; ++src)
            for (int dst = 0; dst < regs; ++dst)
                if (src != dst && defined(src) && canOverwrite(h, dst))
                    out.push_back({Kind::Move, Op::Mov, int8_t(src), int8_t(dst)});
        if (h.pending)
            std::erase_if(out, [&](const Move& m) {
                if (m.kind == Kind::Load) return false;
                const unsigned read = (1u << m.src) | (m.kind == Kind::Move ? 0u : 1u << m.dst);
                return (h.pending & ~read) != 0;
            });
    }

    // The instruction's effect, the emulator's semantics on ranks (isa.hpp:
    // compareFlags, holds).
    void apply(const uint8_t* from, uint8_t* to, const Move& m) const {
        std::memcpy(to, from, layout_.bytes());
        auto& h = StateLayout::header(to);
        const int n = lanes_.count;
        const uint16_t src = uint16_t(1u << m.src), dst = uint16_t(1u << m.dst);
        h.flags &= uint8_t(~StateLayout::kLastWasCompare);
        if (m.kind != Kind::Load && m.kind != Kind::Store) h.pending = 0, h.nextWord = 0;
        switch (m.kind) {
        case Kind::Load:
            std::memcpy(layout_.reg(to, m.dst), lanes_.in(m.src), n);
            h.wordsRead |= uint8_t(1u << m.src);
            h.defined |= dst;
            h.unread |= dst;
            h.pending |= dst;
            h.nextWord = uint8_t(m.src + 1);
            break;
        case Kind::Store:
            h.wordsWritten |= uint8_t(1u << m.dst);
            h.unread &= uint16_t(~src);
            h.pending &= uint16_t(~src);
            if (!h.pending) h.nextWord = 0;
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

    // Above depth pinned_ the search follows the path only: those nodes are the
    // frontier's (counted there), their subtrees not searched whole here, so the table
    // neither prunes nor stores them. Nor does it store a node on a resumed run's path
    // (the runs before searched part of its subtree, which may have held a program
    // wrong on ties) or one above a program wrong on ties (rejected_ grew below it).
    Result visit(int depth) {
        uint8_t* s = state(depth);
        const bool pinned = depth < pinned_;
        if (!pinned && (++nodes_ & 0xffff) == 0 && !tick_()) {
            stoppedAt_ = depth;
            return Result::Stopped;
        }
        const auto& h = StateLayout::header(s);
        if (h.wordsWritten == (1 << lanes_.words) - 1) { // every word holds its sorted value
            if (!sorts_(program(depth))) return ++rejected_, Result::None;
            foundLength_ = depth;
            return Result::Found;
        }
        const int remaining = limit_ - depth;
        if (pruned(s, depth, remaining)) return Result::None;
        uint8_t* k = key(depth);
        layout_.pack(canonical(s, unpacked_.data(), depth), k);
        const uint64_t hash = hashBytes(k, layout_.keyBytes());
        if (!pinned && table_.covers(k, hash, remaining)) return Result::None;
        auto& moves = moves_[depth];
        generate(s, moves);
        // On a resumed run's path, the moves before the path's were searched already.
        const bool onPath = depth < followed_;
        const int64_t rejectedBefore = rejected_;
        if (onPath && resume_[depth] >= int(moves.size()))
            throw std::logic_error("prover: a checked resume path left the tree");
        const int end = pinned ? resume_[depth] + 1 : int(moves.size());
        for (int i = onPath ? resume_[depth] : 0; i < end; ++i) {
            const Move& m = moves[i];
            index_[depth] = i;
            apply(s, state(depth + 1), m);
            regroup(depth, m, state(depth + 1));
            path_[depth] = m;
            const Result r = visit(depth + 1);
            if (onPath) followed_ = std::min(followed_, depth); // off the path from here
            if (r != Result::None) return r;
        }
        if (!pinned && !onPath && rejected_ == rejectedBefore) table_.store(k, hash, remaining);
        return Result::None;
    }

    // Rule: register names, in the table. States that differ only in which register
    // holds which value have the same continuations up to renaming (the registers
    // written so far are always 0..k-1, and the others are alike), so the table keys a
    // state by its registers sorted by value (each with its unread and pending bits).
    // Rules: input positions and mirror image, in the table: in the first half of the
    // length limit (where partners meet: deeper states come from prefixes already
    // merged; on sort4 at limits 22-24 deeper keys save under 0.1 % of the nodes and
    // cost 10 % more time), the key is the least of the state's partners'
    // (LaneSymmetry); deeper, the state's own (any partner's key is true of the state,
    // so keys made either way may meet in the table). `nextWord` once every
    // word is loaded constrains nothing and is left out. Written to `out`.
    const uint8_t* canonical(const uint8_t* s, uint8_t* out, int depth) {
        const auto& h = StateLayout::header(s);
        const unsigned unloaded = unsigned((1 << lanes_.words) - 1) & ~h.wordsRead;
        sortRegisters(s, out);
        if (!unloaded) StateLayout::header(out).nextWord = 0;
        if (depth * 2 > limit_ || (h.pending && unloaded)) return out;
        // The partner with the least signature (cheap to compute), then the least key
        // among those that share it: a function of the partners, the same for all.
        const auto& maps = symmetry_.fixing(unloaded);
        const bool mirrors = !symmetry_.mirror().empty();
        uint64_t least = ~0ull;
        leastPartners_.clear();
        for (size_t k = 0; k < maps.size(); ++k)
            for (int flip = 0; flip <= int(mirrors); ++flip) {
                const uint64_t sig = signature(s, k > 0 ? maps[k] : nullptr, flip);
                if (sig < least) least = sig, leastPartners_.clear();
                if (sig == least) leastPartners_.emplace_back(k, flip);
            }
        permuted_.resize(layout_.bytes());
        mirrored_.resize(layout_.bytes());
        candidate_.resize(layout_.bytes());
        for (size_t i = 0; i < leastPartners_.size(); ++i) {
            const auto [k, flip] = leastPartners_[i];
            const uint8_t* partner = s;
            if (k > 0) permute(s, maps[k], permuted_.data()), partner = permuted_.data();
            if (flip) mirror(partner, mirrored_.data()), partner = mirrored_.data();
            sortRegisters(partner, candidate_.data());
            if (!unloaded) StateLayout::header(candidate_.data()).nextWord = 0;
            if (i == 0 || std::memcmp(candidate_.data(), out, layout_.bytes()) < 0)
                std::memcpy(out, candidate_.data(), layout_.bytes());
        }
        return out;
    }

    // A hash of the partner πS (map; null: the identity) or (πS)* (flip) over its first
    // lanes (registers in value order, their marks, flags) and its words read and
    // written: what canonical() ranks partners by before comparing whole keys.
    uint64_t signature(const uint8_t* s, const uint16_t* map, bool flip) const {
        const auto& h = StateLayout::header(s);
        const int k = std::countr_one(unsigned(h.defined)), n = std::min(lanes_.count, 7);
        const uint16_t* mirror = symmetry_.mirror().data();
        const uint8_t* top = symmetry_.top().data();
        std::array<int, 7> from{};
        for (int l = 0; l < n; ++l) {
            const int m = flip ? mirror[l] : l;
            from[size_t(l)] = map ? map[m] : m;
        }
        std::array<uint64_t, kMaxRegisters + 2> words{};
        for (int r = 0; r < k; ++r) {
            const uint8_t* v = layout_.reg(s, r);
            uint64_t c = uint64_t((h.unread >> r & 1) | (h.pending >> r & 1) << 1);
            for (int l = 0; l < n; ++l) {
                const uint8_t x = v[from[size_t(l)]];
                c = c << 8 | uint8_t(flip ? top[l] - x : x);
            }
            words[size_t(r)] = c;
        }
        std::sort(words.begin(), words.begin() + k);
        const int8_t* f = layout_.flags(s);
        for (int l = 0; l < n; ++l) {
            const int8_t x = f[from[size_t(l)]];
            words[kMaxRegisters] = words[kMaxRegisters] << 8 | uint8_t(flip ? mirrored(x) : x);
        }
        words[kMaxRegisters + 1] = flip ? reversed(h.wordsRead) << 8 | reversed(h.wordsWritten)
                                        : h.wordsRead << 8 | h.wordsWritten;
        return hashBytes(reinterpret_cast<const uint8_t*>(words.data()), sizeof(words));
    }

    // πS (LaneSymmetry): lane l holds what lane map[l] of s does (registers and flags
    // are rows of the lanes, side by side; rows not written are zero either way).
    void permute(const uint8_t* s, const uint16_t* map, uint8_t* out) const {
        std::memcpy(out, s, layout_.bytes());
        const int n = lanes_.count, rows = layout_.registers() + 1;
        const uint8_t* from = layout_.reg(s, 0);
        uint8_t* to = layout_.reg(out, 0);
        for (int r = 0; r < rows; ++r, from += n, to += n)
            for (int l = 0; l < n; ++l) to[l] = from[map[l]];
    }

    // S* (LaneSymmetry): values and flags flipped, taken from the mirror lanes; words
    // read and written reversed.
    void mirror(const uint8_t* s, uint8_t* out) const {
        permute(s, symmetry_.mirror().data(), out);
        auto& h = StateLayout::header(out);
        const int n = lanes_.count, k = std::countr_one(unsigned(h.defined));
        const uint8_t* top = symmetry_.top().data();
        uint8_t* values = layout_.reg(out, 0);
        for (int r = 0; r < k; ++r, values += n)
            for (int l = 0; l < n; ++l) values[l] = uint8_t(top[l] - values[l]);
        int8_t* flags = layout_.flags(out);
        for (int l = 0; l < n; ++l) flags[l] = mirrored(flags[l]);
        h.wordsRead = reversed(h.wordsRead);
        h.wordsWritten = reversed(h.wordsWritten);
    }
    static int8_t mirrored(int8_t flags) {
        return int8_t(flags == kLess ? int(kGreater) : flags == kGreater ? int(kLess) : int(flags));
    }
    uint8_t reversed(uint8_t words) const {
        uint8_t r = 0;
        for (int w = 0; w < lanes_.words; ++w)
            r |= uint8_t((words >> w & 1) << (lanes_.words - 1 - w));
        return r;
    }

    // s with its registers sorted by value (ties by their unread and pending bits).
    void sortRegisters(const uint8_t* s, uint8_t* out) {
        const auto& h = StateLayout::header(s);
        const int k = std::countr_one(unsigned(h.defined));
        const int n = lanes_.count;
        order_.resize(k);
        for (int r = 0; r < k; ++r) order_[r] = r;
        auto marks = [&](int r) { return (h.unread >> r & 1) | (h.pending >> r & 1) << 1; };
        std::sort(order_.begin(), order_.end(), [&](int a, int b) {
            const int c = std::memcmp(layout_.reg(s, a), layout_.reg(s, b), n);
            return c != 0 ? c < 0 : marks(a) < marks(b);
        });
        std::memcpy(out, s, layout_.bytes());
        auto& kh = StateLayout::header(out);
        kh.unread = kh.pending = 0;
        for (int r = 0; r < k; ++r) {
            std::memcpy(layout_.reg(out, r), layout_.reg(s, order_[r]), n);
            kh.unread |= uint16_t((h.unread >> order_[r] & 1) << r);
            kh.pending |= uint16_t((h.pending >> order_[r] & 1) << r);
        }
    }

    const Lanes& lanes_;
    const LaneSymmetry& symmetry_;
    StateLayout layout_;
    TranspositionTable& table_;
    const std::function<bool()>& tick_;
    const std::function<bool(const Program&)>& sorts_;
    int64_t rejected_ = 0; // programs right on the lanes, wrong on ties
    const int slack_;      // the intermediate-values rule up to this slack (-1: off)
    int limit_ = 0, foundLength_ = 0;
    int64_t nodes_ = 0;
    std::vector<uint8_t> states_;          // per depth
    std::vector<uint8_t> keys_;            // per depth: the state's table key (canonical, packed)
    std::vector<uint8_t> unpacked_;        // visit(): the canonical state before packing
    std::vector<std::vector<Move>> moves_; // per depth
    std::vector<Move> path_;
    std::vector<int> resume_, index_; // run(): the path to resume; the move index per depth
    int followed_ = 0, stoppedAt_ = 0, pinned_ = 0;
    std::vector<uint16_t> groups_;                         // per depth and lane: the lane's group
    std::vector<int64_t> largestGroup_;                    // per depth
    std::vector<int> renumber_, sizes_;                    // regroup(): scratch
    std::vector<int> order_;                               // sortRegisters(): scratch
    std::vector<uint8_t> permuted_, mirrored_, candidate_; // canonical(): scratch
    std::vector<std::pair<size_t, bool>> leastPartners_;   // canonical(): scratch
    std::vector<const uint8_t*> columns_;                  // uncovered(): scratch
    std::vector<uint64_t> masks_;                          // per column: lanes equal to the target
    std::vector<uint64_t> covering_;                       // covers(): the lanes covered so far
    size_t words_;                                         // 64-lane words per mask
};

std::vector<std::string> rulesUsed(int slack, bool symmetry) {
    std::vector<std::string> rules = {
        "lanes: the permutations (a program wrong on one is wrong); a program right on them "
        "is checked on every weak ordering, and if wrong there the search goes on, storing "
        "none of the states above it in the table",
        "register names: registers are first written in number order, and the table keys "
        "states by their registers sorted by value",
        "compare operands in register order (cmov conditions come in mirror pairs)",
        "no dead code: no register overwritten before its value is read, no compare whose "
        "flags are never read",
        "stores: each word written once (alphadev), so only with its sorted value, and only "
        "after its input was loaded",
        "stores first: where a store can be made, the next instruction is the store of the "
        "lowest such word",
        "loads last: a load is followed by a load of a higher word or by an instruction "
        "that reads its register (stores aside)",
        "transposition table: a state (registers and flags over the lanes, words read and "
        "written, registers written and not yet read, flags set and read, last instruction "
        "a compare) searched before with as many instructions left is not searched again",
        "lower bound: words still to load + words still to store + compares: log2 of the "
        "largest group of permutation lanes that every compare so far treated alike (a "
        "compare splits such a group at most two ways; at least one compare if a cmov is "
        "still needed and none was made) + cmovs: the most of the sorted values no register "
        "holds (a cmov each) and the compares (a cmov each, one more for the last compare's "
        "flags if unread)",
        "values: a state where a value some word still needs is gone from a lane is dead",
    };
    if (symmetry) {
        rules.push_back(
            "input positions: a state and the state that holds on each lane what it holds on the "
            "lane with the input's positions permuted (keeping the words not yet loaded among "
            "themselves) have the same continuations up to which words are loaded, so the table "
            "keys states in the first half of the length limit by the least of these partners");
        rules.push_back(
            "mirror image: the same for the state that holds on each lane the flipped values "
            "(largest rank minus value) of the lane with the input flipped and read backwards, "
            "with flipped flags and words reversed (continuations: words reversed, cmov "
            "conditions mirrored)");
    }
    if (slack >= 0)
        rules.push_back(
            "intermediate values: cmovs make a sorted value out of values that exist (registers, "
            "words not yet loaded) or will (the other missing sorted values), lane by lane; "
            "with k cmovs beyond the bound's, out of at most k + 2 of them, so where the bound "
            "leaves s <= " +
            std::to_string(slack) +
            " instructions spare, a missing sorted value that no s + 2 of them cover is out "
            "of reach");
    return rules;
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

// Where a frontier node stands against a resume path (every subtree before the path
// was searched, the path's own node not yet): searched already, to search whole, or to
// search from the path.
enum class Start { Done, Whole, FromPath };

Start startOf(const std::vector<int>& node, const std::vector<int>& path) {
    const size_t n = std::min(node.size(), path.size());
    const auto [a, b] = std::mismatch(node.begin(), node.begin() + n, path.begin());
    if (a != node.begin() + n) return *a < *b ? Start::Done : Start::Whole;
    return path.size() > node.size() ? Start::FromPath : Start::Whole;
}

// One length limit, searched by `threads` threads. The frontier's nodes go out in the
// search's order; each thread searches the next one's subtree whole. The program
// returned is that of the first node (in order) whose subtree holds one, after every
// node before it was searched to the end: the program one thread finds, whatever the
// thread count (the table prunes only subtrees that hold none). A thread gives up a
// node after one with a program. Stopped: the path of the first node not searched to
// the end, the checkpoint (every node before it was). On ranks, this rank searches its
// share of the nodes, and the outcome is that of the first node over all ranks.
struct LimitSearch {
    struct Subtrees { // the frontier's, for progress
        std::atomic<int> done = 0, count = 0;
    };
    const Lanes& lanes;
    const LaneSymmetry& symmetry;
    int registers, threads, slack;
    TranspositionTable& table;
    const std::function<bool()>& tick;                // false: stop (time budget, Ctrl-C)
    const std::function<bool(const Program&)>& sorts; // the check on every input
    ProofRanks* ranks;                                // null: this process alone
    Subtrees& subtrees;

    struct Outcome {
        Search::Result result = Search::Result::None;
        int node = -1;                  // the frontier node it comes from (None: -1)
        std::optional<Program> program; // Found
        std::vector<int> path;          // Stopped: where to resume
        int64_t nodes = 0;
    };

    Outcome run(int limit, const std::vector<int>& resume) const {
        Search top(lanes, symmetry, registers, slack, table, kNeverStop, sorts);
        const size_t workers = size_t(threads) * (ranks ? ranks->count() : 1);
        const auto nodes = top.frontier(limit, std::max(kFrontierNodes, kNodesPerWorker * workers),
                                        std::min({kFrontierDepth, top.startBound() - 1, limit}));
        if (!top.leadsSomewhere(limit, resume))
            throw std::invalid_argument("the checkpoint's path does not fit this search");
        enum class State { NotRun, None, Found, Stopped };
        std::vector<State> states(nodes.size(), State::NotRun);
        std::vector<Outcome> outcomes(nodes.size());
        std::atomic<int> next = 0, firstFound = INT_MAX;
        std::atomic<bool> halted = false;
        std::atomic<int64_t> nodeCount = !ranks || ranks->rank() == 0 ? top.nodes() : 0;
        const auto mine = [&](int k) { return !ranks || k % ranks->count() == ranks->rank(); };
        subtrees.done = 0;
        subtrees.count = 0;
        for (size_t k = 0; k < nodes.size(); ++k) {
            const bool done = startOf(nodes[k], resume) == Start::Done;
            subtrees.done += done;
            subtrees.count += done || mine(int(k));
        }
        tbb::task_arena arena(threads);
        arena.execute([&] {
            tbb::parallel_for(0, threads, 1, [&](int) {
                int k = 0;
                const std::function<bool()> going = [&] {
                    if (!tick()) halted = true;
                    return !halted && firstFound > k;
                };
                Search search(lanes, symmetry, registers, slack, table, going, sorts);
                while (!halted && (k = next++) < int(nodes.size()) && k < firstFound) {
                    const Start start = startOf(nodes[k], resume);
                    if (start == Start::Done || !mine(k)) { // another rank's: combine()
                        states[k] = State::None;
                        continue;
                    }
                    const auto r = search.run(limit, start == Start::FromPath ? resume : nodes[k],
                                              int(nodes[k].size()));
                    if (r == Search::Result::Found) {
                        outcomes[k].program = search.program(search.foundLength());
                        for (int f = firstFound; k < f && !firstFound.compare_exchange_weak(f, k);)
                            ;
                    } else if (r == Search::Result::Stopped) {
                        outcomes[k].path = search.stoppedPath();
                    }
                    states[k] = r == Search::Result::Found  ? State::Found
                                : r == Search::Result::None ? State::None
                                                            : State::Stopped;
                    subtrees.done += r == Search::Result::None;
                }
                nodeCount += search.nodes();
            });
        });
        Outcome out;
        out.nodes = nodeCount;
        for (size_t k = 0; k < nodes.size(); ++k) {
            if (states[k] == State::None || !mine(int(k))) continue; // another rank's own
            out.node = int(k);
            if (states[k] == State::Found) {
                out.result = Search::Result::Found;
                out.program = std::move(outcomes[k].program);
            } else {
                out.result = Search::Result::Stopped;
                out.path = states[k] == State::Stopped                    ? outcomes[k].path
                           : startOf(nodes[k], resume) == Start::FromPath ? resume
                                                                          : nodes[k];
            }
            break;
        }
        return ranks ? combine(out) : out;
    }

    // Every rank's outcome, on every rank: the one of the first frontier node (every
    // node before it was searched to the end, on whichever rank), with all ranks' nodes.
    Outcome combine(const Outcome& mine) const {
        const bool found = mine.result == Search::Result::Found;
        const nlohmann::json wire = {{"node", mine.node},
                                     {"found", found},
                                     {"program", found ? toText(*mine.program) : ""},
                                     {"path", mine.path},
                                     {"nodes", mine.nodes}};
        Outcome all;
        for (const std::string& text : ranks->allgather(wire.dump())) {
            const auto j = nlohmann::json::parse(text);
            all.nodes += j.at("nodes").get<int64_t>();
            const int node = j.at("node").get<int>();
            if (node < 0 || (all.node >= 0 && all.node < node)) continue;
            all.node = node;
            all.result =
                j.at("found").get<bool>() ? Search::Result::Found : Search::Result::Stopped;
            all.path = j.at("path").get<std::vector<int>>();
            all.program.reset();
            if (all.result == Search::Result::Found)
                all.program = parseProgram(j.at("program").get<std::string>(), "<rank>");
        }
        return all;
    }

    // The frontier: its first depth with kFrontierNodes nodes and kNodesPerWorker per
    // thread over all ranks (subtrees differ in size by orders of magnitude: many per
    // worker keep them all busy to the end), up to kFrontierDepth.
    static constexpr size_t kFrontierNodes = 256, kNodesPerWorker = 32;
    static constexpr int kFrontierDepth = 8;
};

} // namespace

void checkProofConfig(const ProofConfig& config) {
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
    if (config.nodes < 0) throw std::invalid_argument("nodes must not be negative");
    if (config.threads < 0) throw std::invalid_argument("threads must not be negative");
    if (config.checkpointSeconds < 0)
        throw std::invalid_argument("the checkpoint interval must not be negative");
    if (config.progressSeconds < 0)
        throw std::invalid_argument("the progress interval must not be negative");
    if (config.intermediateSlack < -1)
        throw std::invalid_argument("the intermediate-values slack must be -1 (off) or more");
}

namespace {

// The registers a proof under config uses: its own count or its task's.
int registersOf(const ProofConfig& config, const Task& task) {
    return config.registers > 0 ? config.registers : task.registers();
}

// `use(search, moves)`: a search under config's task, registers and rules, and
// `program` as its moves.
template <class Use>
auto withSearch(const ProofConfig& config, const Program& program, const Use& use) {
    ProofConfig checked = config;
    checked.length = std::max(1, program.length()); // the limit is the program's length
    checkProofConfig(checked);
    const Task task = Task::parse(config.task);
    const int registers = registersOf(config, task);
    const Lanes permutations = ranked(task.training(), "permutations");
    TranspositionTable table(
        StateLayout(registers, permutations.count, permutations.words).keyBytes(), 1);
    static const std::function<bool(const Program&)> any = [](const Program&) { return true; };
    const LaneSymmetry symmetry(permutations, config.symmetry);
    Search search(permutations, symmetry, registers, config.intermediateSlack, table, kNeverStop,
                  any);
    return use(search, searchMoves(program, registers));
}

} // namespace

int proverCut(const ProofConfig& config, const Program& program) {
    return withSearch(config, program, [](Search& search, const std::vector<Move>& moves) {
        return search.cut(moves);
    });
}

Program proverOrder(const ProofConfig& config, const Program& program) {
    return withSearch(config, loadsLast(program), [](Search& search, std::vector<Move> moves) {
        Program ordered;
        for (const Move& m : search.storesFirst(std::move(moves)))
            ordered.code.push_back(toInstruction(m));
        return ordered;
    });
}

ProofResult prove(const ProofConfig& config, const std::atomic<bool>& stop,
                  const std::function<void(const ProofProgress&)>& progress, ProofRanks* ranks) {
    checkProofConfig(config);
    const Task task = Task::parse(config.task);

    ProofResult result;
    result.task = task.name();
    result.registers = registersOf(config, task);
    result.length = config.length;
    result.ranks = ranks ? ranks->count() : 1;
    result.intermediateSlack = config.intermediateSlack;
    result.threads = config.threads > 0
                         ? config.threads
                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    result.rules = rulesUsed(config.intermediateSlack, config.symmetry);
    result.symmetry = config.symmetry;
    result.nodesPerDepth.assign(config.length + 1, 0);

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
    double lastReport = 0;
    ProofProgress now;
    int64_t nodesBefore = 0, resumedAt = 0; // resumedAt: the checkpoint's nodes
    std::atomic<int64_t> depthNodes = 0;    // by 65,536 at each tick of a thread
    int64_t depthAtPause = 0;       // depthNodes when this length's last pause (if any) went on
    std::atomic<int64_t> spent = 0; // the same over the whole run (the node budget)
    std::mutex reporting;
    LimitSearch::Subtrees subtrees;
    // Whether the run goes on (no Ctrl-C, budgets left); and the next pause to write a
    // checkpoint (config.checkpointSeconds).
    const auto goingOn = [&](double t) {
        return !stop && (config.nodes <= 0 || spent < config.nodes) &&
               (config.seconds <= 0 || t < config.seconds);
    };
    double nextPause = config.checkpointSeconds > 0 ? config.checkpointSeconds : HUGE_VAL;
    const std::function<bool()> tick = [&] {
        depthNodes += 0x10000;
        spent += 0x10000;
        const double t = elapsed();
        if (progress && reporting.try_lock()) {
            if (t - lastReport >= config.progressSeconds) {
                lastReport = t;
                now.depthNodes = depthNodes;
                now.nodes = nodesBefore + now.depthNodes - depthAtPause;
                now.runNodes = now.nodes - resumedAt;
                now.seconds = t;
                now.subtreesDone = subtrees.done;
                now.subtrees = subtrees.count;
                progress(now);
            }
            reporting.unlock();
        }
        return goingOn(t) && t < nextPause;
    };

    const Lanes lanes = ranked(task.training(), "permutations");
    const LaneSymmetry symmetry(lanes, config.symmetry);
    const std::function<bool(const Program&)> sorts = [&](const Program& p) {
        return verify(p, task).correct;
    };
    int limit = 0;
    std::vector<int> path;
    if (const auto& c = config.resume) {
        if (c->task != result.task || c->registers != result.registers)
            throw std::invalid_argument("the checkpoint is for " + c->task + " with " +
                                        std::to_string(c->registers) + " registers, not " +
                                        result.task + " with " + std::to_string(result.registers));
        if (c->moveOrder != kProverMoveOrder)
            throw std::invalid_argument(
                "the checkpoint was written by a prover with move order " +
                std::to_string(c->moveOrder) + ", this one has " +
                std::to_string(kProverMoveOrder) +
                ": its path names other programs here; start the proof again");
        if (c->lanes != lanes.name)
            throw std::invalid_argument("the checkpoint's lanes '" + c->lanes + "' are unknown");
        if (c->limit < 1 || c->limit > config.length)
            throw std::invalid_argument("the checkpoint's length " + std::to_string(c->limit) +
                                        " is outside 1.." + std::to_string(config.length));
        limit = c->limit;
        path = c->path;
        nodesBefore = resumedAt = c->nodes;
    }
    TranspositionTable table(StateLayout(result.registers, lanes.count, lanes.words).keyBytes(),
                             config.tableMegabytes);
    if (config.resume && !config.tableIn.empty())
        result.tableLoaded = table.load(config.tableIn, tableTag(result, lanes));
    if (!config.resume)
        limit = std::max(1, Search(lanes, symmetry, result.registers, config.intermediateSlack,
                                   table, tick, sorts)
                                .startBound());
    result.provenNone = limit - 1; // the bound is admissible; or the checkpoint's
    result.outcome = ProofResult::Outcome::None;
    // A stopped run's checkpoint, then its table: the checkpoint first, as the smaller
    // and the one a chain cannot do without (any table of the same tag is sound).
    const auto save = [&](const ProofCheckpoint& checkpoint) {
        if (config.saveCheckpoint) config.saveCheckpoint(checkpoint);
        if (!config.tableOut.empty()) table.save(config.tableOut, tableTag(result, lanes));
    };
    // After a pause every rank goes on only if all do, so that they stay in step.
    const auto allGoOn = [&] {
        const std::string mine = goingOn(elapsed()) ? "1" : "0";
        if (!ranks) return mine == "1";
        const auto all = ranks->allgather(mine);
        return std::all_of(all.begin(), all.end(), [](const std::string& s) { return s == "1"; });
    };
    for (bool paused = false; limit <= config.length; limit += paused ? 0 : 1) {
        const LimitSearch search{lanes,
                                 symmetry,
                                 result.registers,
                                 result.threads,
                                 config.intermediateSlack,
                                 table,
                                 tick,
                                 sorts,
                                 ranks,
                                 subtrees};
        if (!paused) depthNodes = 0;
        depthAtPause = depthNodes;
        now.depth = limit;
        // Each length's tree grows about as much as the one before did over its own.
        const auto& n = result.nodesPerDepth;
        now.expectedNodes = limit >= 2 && n[limit - 1] > 0 && n[limit - 2] > 0
                                ? double(n[limit - 1]) * double(n[limit - 1]) / double(n[limit - 2])
                                : 0;
        now.lanes = lanes.name;
        auto r = search.run(limit, path);
        path.clear();
        result.nodesPerDepth[limit] += r.nodes;
        nodesBefore += r.nodes;
        paused = false;
        if (r.result == Search::Result::Stopped) {
            result.checkpoint =
                ProofCheckpoint{kProverMoveOrder, result.task, result.registers, limit,
                                lanes.name,       r.path,      nodesBefore};
            save(*result.checkpoint);
            if (allGoOn()) { // a pause: on from the checkpoint, with the table as it is
                paused = true;
                path = r.path;
                nextPause = elapsed() + config.checkpointSeconds;
                continue;
            }
            result.outcome = ProofResult::Outcome::Stopped;
            break;
        }
        if (r.result == Search::Result::None) {
            result.provenNone = limit;
            continue;
        }
        Program p = std::move(*r.program); // sorts(p): verified on every input
        if (!isLegal(p, task, Profile::AlphaDev))
            throw std::logic_error("prover: found an illegal program:\n" + toText(p));
        result.outcome = ProofResult::Outcome::Found;
        result.program = std::move(p);
        break;
    }
    if (result.outcome != ProofResult::Outcome::Stopped) result.checkpoint.reset(); // a pause's
    result.lanes = lanes.name;
    result.nodes = nodesBefore;
    result.tableEntries = table.entries();
    result.tableHits = table.hits();
    result.tableStores = table.stores();
    result.seconds = elapsed();
    result.statement = statementOf(result);
    return result;
}

} // namespace superopt
