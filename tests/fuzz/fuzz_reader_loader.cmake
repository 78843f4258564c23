# bcsim_fuzz_scenario_reader: bytes -> the scenario reader (limits, includes, duplicate keys).
# bcsim_fuzz_world_loader: bytes -> reader -> world loader.
foreach(target scenario_reader world_loader)
  add_executable(bcsim_fuzz_${target} ${CMAKE_CURRENT_LIST_DIR}/fuzz_${target}.cpp)
  target_include_directories(bcsim_fuzz_${target} PRIVATE ${PROJECT_SOURCE_DIR}/simulator/src)
  target_compile_options(bcsim_fuzz_${target} PRIVATE -fsanitize=fuzzer,address,undefined
                         -fno-sanitize-recover=undefined)
  target_link_options(bcsim_fuzz_${target} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_libraries(bcsim_fuzz_${target} PRIVATE bcsim::world yaml-cpp bcsim::warnings)
endforeach()
