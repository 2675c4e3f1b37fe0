// Everything the library offers, for users who would rather include one header.
// The layers (docs/architecture.md): core (instruction set, programs, tasks, the
// emulator, verification), native (JIT, measured latency), search (the MCMC search),
// agent (the RL baseline), experiment (experiment files, runs, summaries).
#pragma once

#include "superopt/core/export.hpp"
#include "superopt/core/files.hpp"
#include "superopt/core/interpreter.hpp"
#include "superopt/core/isa.hpp"
#include "superopt/core/machine.hpp"
#include "superopt/core/program.hpp"
#include "superopt/core/random.hpp"
#include "superopt/core/rules.hpp"
#include "superopt/core/sorting_networks.hpp"
#include "superopt/core/task.hpp"
#include "superopt/core/vector_isa.hpp"
#include "superopt/core/verify.hpp"
#include "superopt/core/version.hpp"

#include "superopt/native/baselines.hpp"
#include "superopt/native/jit.hpp"
#include "superopt/native/latency.hpp"

#include "superopt/search/cost.hpp"
#include "superopt/search/islands.hpp"
#include "superopt/search/latency_screen.hpp"
#include "superopt/search/prover_json.hpp"
#include "superopt/search/search.hpp"
#include "superopt/search/search_json.hpp"

#include "superopt/agent/trainer_json.hpp"

#include "superopt/experiment/runner.hpp"
#include "superopt/experiment/summary.hpp"
