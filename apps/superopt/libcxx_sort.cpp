// bench-sort's libc++ contender: std::sort of libc++ (LLVM 16), compiled by clang++-16
// with -stdlib=libc++ as an object of its own (apps/CMakeLists.txt), since one CMake
// project has one C++ compiler. The int instantiation it calls is the one Debian's
// libc++.a ships, linked in statically.
#include <algorithm>
#include <cstdint>

extern "C" void superopt_bench_libcxx_sort(int32_t* first, int32_t* last) {
    std::sort(first, last);
}

extern "C" long superopt_bench_libcxx_version() {
    return _LIBCPP_VERSION;
}
