// Native checks of kernels against a test set, with a guard page.
#include "native_check.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <sstream>
#include <stdexcept>
#include <vector>

namespace native {

namespace {

// A readable page followed by an inaccessible one.
class GuardedPage {
  public:
    GuardedPage() : page_(static_cast<size_t>(sysconf(_SC_PAGESIZE))) {
        void* p =
            mmap(nullptr, 2 * page_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::runtime_error("mmap failed");
        base_ = static_cast<char*>(p);
        mprotect(base_ + page_, page_, PROT_NONE);
    }
    ~GuardedPage() { munmap(base_, 2 * page_); }
    GuardedPage(const GuardedPage&) = delete;
    GuardedPage& operator=(const GuardedPage&) = delete;

    // Case `lane` of `set` copied into a buffer of `words` words that ends at the guard.
    int32_t* load(const superopt::TestSet& set, int lane, int words) const {
        auto* buf = reinterpret_cast<int32_t*>(base_ + page_) - words;
        for (int s = 0; s < words; ++s) buf[s] = set.in(s, lane);
        return buf;
    }

  private:
    size_t page_;
    char* base_;
};

} // namespace

std::string check(Kernel kernel, const superopt::Task& task, const superopt::TestSet& set) {
    GuardedPage guard;
    for (int l = 0; l < set.count; ++l) {
        const int used = task.kind() == superopt::Task::Kind::Sort ? task.n() : set.in(0, l) + 1;
        int32_t* buf = guard.load(set, l, used);
        kernel(buf);
        for (int s = 0; s < used; ++s)
            if (buf[s] != set.out(s, l)) {
                std::ostringstream o;
                o << "case " << l << ": word " << s << " is " << buf[s] << ", expected "
                  << set.out(s, l);
                return o.str();
            }
    }
    return "";
}

std::vector<int32_t> run(Kernel kernel, const superopt::TestSet& set) {
    GuardedPage guard;
    std::vector<int32_t> out(size_t(set.slots) * set.lanes, 0);
    for (int l = 0; l < set.count; ++l) {
        int32_t* buf = guard.load(set, l, set.slots);
        kernel(buf);
        for (int s = 0; s < set.slots; ++s) out[size_t(s) * set.lanes + l] = buf[s];
    }
    return out;
}

} // namespace native
