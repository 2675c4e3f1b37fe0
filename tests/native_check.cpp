// Native checks of exported kernels against a test set, with a guard page.
#include "native_check.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <sstream>
#include <stdexcept>
#include <vector>

namespace native {

std::string check(Kernel kernel, const superopt::Task& task, const superopt::TestSet& set) {
    const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    auto* base = static_cast<char*>(mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    if (base == MAP_FAILED) throw std::runtime_error("mmap failed");
    mprotect(base + page, page, PROT_NONE);
    std::string error;
    for (int l = 0; l < set.count && error.empty(); ++l) {
        // The buffer ends where the contract says the kernel may stop touching it.
        const int used = task.kind() == superopt::Task::Kind::Sort ? task.n() : set.in(0, l) + 1;
        auto* buf = reinterpret_cast<int32_t*>(base + page) - used;
        std::vector<int32_t> in(used);
        for (int s = 0; s < used; ++s) in[s] = buf[s] = set.in(s, l);
        kernel(buf);
        for (int s = 0; s < used; ++s)
            if (buf[s] != set.out(s, l)) {
                std::ostringstream o;
                o << "case " << l << ": word " << s << " is " << buf[s] << ", expected " << set.out(s, l);
                error = o.str();
                break;
            }
    }
    munmap(base, 2 * page);
    return error;
}

} // namespace native
