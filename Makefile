# Retake developer entry points. `make run` and `make test` are all a newcomer needs.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

CLANG_FORMAT ?= clang-format
FORMAT_DIRS := app core ui tests fuzz
# clang-tidy 14 (Debian package clang-tidy); its driver is run-clang-tidy-14 or run-clang-tidy.
CLANG_TIDY ?= clang-tidy
RUN_CLANG_TIDY ?= $(firstword $(shell command -v run-clang-tidy-14 run-clang-tidy 2>/dev/null))
TIDY_DIRS := core ui app

# Steps must run in order (deps before configure, build before run); ninja already
# builds in parallel.
.NOTPARALLEL:

.PHONY: all deps configure build run test bench format format-check tidy clean help
.PHONY: test-asan tsan

all: build

help:
	@echo "make run           install what is missing, build, start the demo (GUI or headless)"
	@echo "make test          install what is missing, build, run the whole test suite"
	@echo "make deps          install missing Debian packages (scripts/install-deps.sh)"
	@echo "make configure     cmake -G Ninja into BUILD_DIR (=$(BUILD_DIR)), once"
	@echo "make build         build everything with $(JOBS) jobs"
	@echo "make bench         build, then run every benchmark and print its figures"
	@echo "make test-asan     build in ASAN_BUILD_DIR with ASan+UBSan, run the non-GUI suites"
	@echo "make tsan          build in TSAN_BUILD_DIR with TSan, run the engine and store suites"
	@echo "make format        clang-format the C++ sources in place"
	@echo "make format-check  fail if any C++ source is not clang-formatted"
	@echo "make tidy          run clang-tidy (.clang-tidy) over core/ ui/ app/; fail on findings"
	@echo "make clean         remove BUILD_DIR"
	@echo "make fuzz          build the libFuzzer targets (clang-14) in FUZZ_BUILD_DIR, run each"
	@echo "                   for FUZZ_SECONDS (=$(FUZZ_SECONDS)); see RELIABILITY.md"

deps:
	bash scripts/install-deps.sh

# Configure only when the build tree does not exist yet; afterwards ninja re-runs cmake
# by itself whenever a CMakeLists.txt changes.
configure: $(BUILD_DIR)/build.ninja

$(BUILD_DIR)/build.ninja:
	cmake -S . -B "$(BUILD_DIR)" -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build "$(BUILD_DIR)" -j $(JOBS)

run: deps build
	bash scripts/run-demo.sh "$(BUILD_DIR)"

# With CI=true every skipped test fails the run (tests/CMakeLists.txt, RETAKE_FAIL_ON_SKIP);
# set again here in case BUILD_DIR was configured without CI.
test: deps build
	$(if $(filter true,$(CI)),cmake -DRETAKE_FAIL_ON_SKIP=ON "$(BUILD_DIR)" >/dev/null)
	QT_QPA_PLATFORM=offscreen ctest --test-dir "$(BUILD_DIR)" --output-on-failure -j2 \
		--timeout 600 --no-tests=error

bench: build
	@set -e; found=0; status=0; \
	for bench in "$(BUILD_DIR)"/tests/benchmarks/bench_*; do \
		[ -f "$$bench" ] && [ -x "$$bench" ] || continue; \
		found=1; \
		echo "=== $$(basename "$$bench")"; \
		QT_QPA_PLATFORM=offscreen "$$bench" || { echo "$$bench failed ($$?)"; status=1; }; \
	done; \
	[ $$found -eq 1 ] || echo "No benchmarks built in $(BUILD_DIR)/tests/benchmarks."; \
	exit $$status

# --- Sanitizers (docs/ARCHITECTURE.md, "Tests and CI") ------------------------------------
# Own build folders, no GUI, no benchmarks, -O1. Reports go to <dir>/sanitizer-reports, not to
# the tests' stderr (a child retake-cli's report would otherwise be only a failed exit); any
# report there fails the target after ctest, and is printed.
ASAN_BUILD_DIR ?= build-asan
TSAN_BUILD_DIR ?= build-tsan
SAN_CMAKE_FLAGS := -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DRETAKE_BUILD_GUI=OFF -DRETAKE_BUILD_BENCHMARKS=OFF
# CI builds build-asan from nothing: -g1 (line tables, enough for file:line in a report)
# instead of -g took a quarter less compile time on a test suite (RELIABILITY.md, "Sanitizers").
ASAN_CXX_FLAGS := -O1 -g1 -DNDEBUG
TSAN_CXX_FLAGS := -O1 -g -DNDEBUG
SAN_SUPP := $(CURDIR)/tests/sanitizers
# Not under ASan: the GUI suites are not built; tst_packaging checks the .deb's layout (its
# GUI parts skip without the GUI) and the layering probes only compile. tst_crash (6 min
# under ASan) and tst_ownership_stress (3 min, its 60 s per round missed on a loaded
# machine) are kill loops of retake-cli: what they add over tst_cli, tst_ownership and
# tst_reattach under ASan is little, and they would take most of CI's time; `make test`
# runs them.
ASAN_EXCLUDE ?= ^(tst_packaging|tst_layering_.*|tst_crash|tst_ownership_stress)$$
ASAN_ENV = QT_QPA_PLATFORM=offscreen \
	ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:check_initialization_order=1:log_path=$(CURDIR)/$(ASAN_BUILD_DIR)/sanitizer-reports/asan \
	LSAN_OPTIONS=suppressions=$(SAN_SUPP)/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(CURDIR)/$(ASAN_BUILD_DIR)/sanitizer-reports/ubsan
# The suites whose code runs on more than one thread: the engine (also re-attaching to
# remote jobs), the store (also its confinement of paths), the pool's rendering and
# verification.
TSAN_SUITES ?= tst_engine tst_reattach tst_statestore tst_durability tst_confinement tst_dag \
	tst_retrypolicy tst_recoveryplanner tst_localprovider tst_outputverifier
# die_after_fork=0: after QProcess (Qt 6.4) started a child, TSan took the test process for
# the child of a multi-threaded fork and ended it at its next new thread ("starting new
# threads after multi-threaded fork is not supported"); every child here execs at once.
# ignore_noninstrumented_modules=1: memmove, free... called by Qt's own (uninstrumented)
# code are not checked; two pool threads moving QThreadPool's queue under its QMutex were
# reported with no frame of ours. Accesses by our code are still checked, and locks taken
# inside Qt still order threads.
TSAN_ENV = QT_QPA_PLATFORM=offscreen \
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:die_after_fork=0:ignore_noninstrumented_modules=1:suppressions=$(SAN_SUPP)/tsan.supp:log_path=$(CURDIR)/$(TSAN_BUILD_DIR)/sanitizer-reports/tsan

$(ASAN_BUILD_DIR)/build.ninja:
	cmake -S . -B "$(ASAN_BUILD_DIR)" $(SAN_CMAKE_FLAGS) \
		-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(ASAN_CXX_FLAGS)" -DRETAKE_SANITIZE=address,undefined

$(TSAN_BUILD_DIR)/build.ninja:
	cmake -S . -B "$(TSAN_BUILD_DIR)" $(SAN_CMAKE_FLAGS) \
		-DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$(TSAN_CXX_FLAGS)" -DRETAKE_SANITIZE=thread

test-asan: deps $(ASAN_BUILD_DIR)/build.ninja
	$(if $(filter true,$(CI)),cmake -DRETAKE_FAIL_ON_SKIP=ON "$(ASAN_BUILD_DIR)" >/dev/null)
	cmake --build "$(ASAN_BUILD_DIR)" -j $(JOBS)
	@bash scripts/run-sanitized.sh "$(ASAN_BUILD_DIR)" -E '$(ASAN_EXCLUDE)' -- $(ASAN_ENV)

tsan: deps $(TSAN_BUILD_DIR)/build.ninja
	cmake --build "$(TSAN_BUILD_DIR)" -j $(JOBS) --target $(TSAN_SUITES)
	@bash scripts/run-sanitized.sh "$(TSAN_BUILD_DIR)" \
		-R '^($(subst $(eval) ,|,$(strip $(TSAN_SUITES))))$$' -- $(TSAN_ENV)

format:
	find $(FORMAT_DIRS) -type f \( -name '*.cpp' -o -name '*.h' \) -print0 \
		| xargs -0 -r $(CLANG_FORMAT) -i

format-check:
	find $(FORMAT_DIRS) -type f \( -name '*.cpp' -o -name '*.h' \) -print0 \
		| xargs -0 -r $(CLANG_FORMAT) --dry-run -Werror

# Uses BUILD_DIR/compile_commands.json; only the sources of TIDY_DIRS in this tree (not
# the generated ones in BUILD_DIR, not tests/). Every finding is an error (.clang-tidy).
tidy: configure
	@[ -n "$(RUN_CLANG_TIDY)" ] || { echo "run-clang-tidy not found; install clang-tidy"; exit 1; }
	$(RUN_CLANG_TIDY) -quiet -clang-tidy-binary "$(CLANG_TIDY)" -p "$(BUILD_DIR)" -j $(JOBS) \
		'^$(CURDIR)/($(subst $(eval) ,|,$(TIDY_DIRS)))/.*\.cpp$$'

clean:
	@case "$(BUILD_DIR)" in ""|/|.|..) echo "refusing to remove BUILD_DIR='$(BUILD_DIR)'"; exit 1;; esac
	rm -rf -- "$(BUILD_DIR)"

# libFuzzer targets (fuzz/, RELIABILITY.md "Fuzzing"): a clang-14 build with ASan and UBSan
# in FUZZ_BUILD_DIR (GUI and tests off), then every fuzz/fuzz_*.cpp target runs for
# FUZZ_SECONDS on a copy of its seed corpus; a crash fails. Debug (-O1) keeps Qt's inline
# Q_ASSERTs (QList::first() on an empty list...) on. Installs clang only here, not for CI.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang-14
FUZZ_CXX ?= clang++-14

.PHONY: fuzz fuzz-build

fuzz-build:
	bash scripts/install-deps.sh --fuzz
	@[ -f "$(FUZZ_BUILD_DIR)/build.ninja" ] || CC=$(FUZZ_CC) CXX=$(FUZZ_CXX) cmake -S . \
		-B "$(FUZZ_BUILD_DIR)" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
		-DRETAKE_BUILD_FUZZ=ON -DRETAKE_BUILD_TESTS=OFF -DRETAKE_BUILD_GUI=OFF
	cmake --build "$(FUZZ_BUILD_DIR)" -j $(JOBS) --target fuzzers

fuzz: fuzz-build
	bash scripts/run-fuzzers.sh "$(FUZZ_BUILD_DIR)" "$(FUZZ_SECONDS)"
