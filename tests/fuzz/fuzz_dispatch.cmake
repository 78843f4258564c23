# fuzz_dispatch: raw bytes -> the simulator's HTTP front (net::GuardedServer's framing checks and
# cpp-httplib's request parser, no socket) -> Dispatch (API, Launchpad, control) -> response.
#   build/fuzz/tests/fuzz/bcsim_fuzz_dispatch -max_total_time=60 tests/fuzz/corpus/dispatch
add_executable(bcsim_fuzz_dispatch ${CMAKE_CURRENT_LIST_DIR}/fuzz_dispatch.cpp)
target_compile_options(bcsim_fuzz_dispatch PRIVATE -fsanitize=fuzzer,address,undefined)
target_link_options(bcsim_fuzz_dispatch PRIVATE -fsanitize=fuzzer,address,undefined)
target_include_directories(bcsim_fuzz_dispatch PRIVATE ${PROJECT_SOURCE_DIR}/simulator/src)
target_compile_definitions(bcsim_fuzz_dispatch PRIVATE
  BCSIM_FUZZ_WORLD="${PROJECT_SOURCE_DIR}/fixtures/worlds/team.yaml")
target_link_libraries(bcsim_fuzz_dispatch PRIVATE bcsim::server bcsim::net PkgConfig::HTTPLIB yaml-cpp)
