// Picking the vector path: what the CPU supports and SUPEROPT_ISA.
#include "superopt/core/vector_isa.hpp"

#include <atomic>
#include <cstdlib>
#include <stdexcept>

namespace superopt {

namespace {

const char* const kNames[] = {"baseline", "avx2", "avx512"};

// -1 until the first use reads SUPEROPT_ISA.
std::atomic<int> active{-1};

} // namespace

std::string toString(VectorIsa isa) {
    return kNames[static_cast<int>(isa)];
}

bool cpuSupports(VectorIsa isa) {
    __builtin_cpu_init();
    switch (isa) {
    case VectorIsa::Baseline:
        return true;
    case VectorIsa::Avx2: // the flags its loops are compiled with (CMakeLists.txt)
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
    case VectorIsa::Avx512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
               cpuSupports(VectorIsa::Avx2);
    }
    return false;
}

std::vector<VectorIsa> supportedVectorIsas() {
    std::vector<VectorIsa> out;
    for (VectorIsa isa : {VectorIsa::Baseline, VectorIsa::Avx2, VectorIsa::Avx512})
        if (cpuSupports(isa)) out.push_back(isa);
    return out;
}

VectorIsa parseVectorIsa(const std::string& name) {
    if (name.empty() || name == "auto") return supportedVectorIsas().back();
    for (int i = 0; i < 3; ++i) {
        if (name != kNames[i]) continue;
        const auto isa = static_cast<VectorIsa>(i);
        if (!cpuSupports(isa))
            throw std::invalid_argument("this CPU does not support the " + name + " path");
        return isa;
    }
    throw std::invalid_argument("unknown vector path '" + name +
                                "' (known: auto, avx512, avx2, baseline)");
}

VectorIsa activeVectorIsa() {
    int isa = active.load();
    if (isa < 0) {
        const char* env = std::getenv("SUPEROPT_ISA");
        try {
            isa = static_cast<int>(parseVectorIsa(env ? env : ""));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument(std::string("SUPEROPT_ISA: ") + e.what());
        }
        int unset = -1;
        if (!active.compare_exchange_strong(unset, isa)) isa = unset;
    }
    return static_cast<VectorIsa>(isa);
}

void setActiveVectorIsa(VectorIsa isa) {
    if (!cpuSupports(isa))
        throw std::invalid_argument("this CPU does not support the " + toString(isa) + " path");
    active = static_cast<int>(isa);
}

} // namespace superopt
