// Shared objects through dlopen.
#include "superopt/native/shared_library.hpp"

#include <dlfcn.h>

#include <stdexcept>

namespace superopt {

SharedLibrary::SharedLibrary(const std::string& path) : path_(path) {
    void* h = dlopen(path.find('/') == std::string::npos ? ("./" + path).c_str() : path.c_str(),
                     RTLD_NOW | RTLD_LOCAL);
    if (!h) throw std::runtime_error(path + ": cannot load: " + dlerror());
    handle_.reset(h, [](void* p) { dlclose(p); });
}

TargetFn SharedLibrary::function(const std::string& symbol) const {
    dlerror();
    void* f = dlsym(handle_.get(), symbol.c_str());
    if (!f || dlerror()) throw std::runtime_error(path_ + ": no function '" + symbol + "'");
    return reinterpret_cast<TargetFn>(f);
}

} // namespace superopt
