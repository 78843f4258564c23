# bcsim_server: the simulator's HTTP server, Launchpad (OAuth), faults, journal, control API
# and the `serve` / `validate` commands. Public headers: include/bcsim/{simulator,clock,cli}.h.
# Included from simulator/CMakeLists.txt (bcsim_world is defined there; names resolve at
# generate time).
add_library(bcsim_server STATIC
  ${CMAKE_CURRENT_LIST_DIR}/src/server/clock.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/http_util.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/rate_limiter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/journal.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/journal_capture.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/state.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/worker_pool.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/response_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/fault_effects.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/dispatch.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/simulator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/webhook_delivery.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/server/cli.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/faults/fault_engine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/launchpad/tokens.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/launchpad/pages.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/launchpad/launchpad.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/launchpad/launchpad_authorize.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/launchpad/launchpad_token.cpp
  ${CMAKE_CURRENT_LIST_DIR}/src/control/control.cpp
)
target_include_directories(bcsim_server
  PUBLIC ${CMAKE_CURRENT_LIST_DIR}/include
  PRIVATE ${CMAKE_CURRENT_LIST_DIR}/src)
target_link_libraries(bcsim_server
  PUBLIC bcsim_world bcsim_net CLI11::CLI11 nlohmann_json::nlohmann_json Threads::Threads
  PRIVATE PkgConfig::HTTPLIB OpenSSL::Crypto yaml-cpp bcsim_warnings)

add_executable(bcsim-serve ${CMAKE_CURRENT_LIST_DIR}/main.cpp)
target_link_libraries(bcsim-serve PRIVATE bcsim_server bcsim_warnings)

if(BCSIM_BUILD_TESTS)
  add_executable(bcsim_server_tests
    ${CMAKE_CURRENT_LIST_DIR}/src/server/http_util_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/rate_limiter_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/journal_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/journal_http_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/clock_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/worker_pool_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/response_cache_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/faults/fault_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/faults/fault_server_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/launchpad/launchpad_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/launchpad/tokens_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/middleware_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/control/control_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/simulator_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/cli_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/http_robustness_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/src/server/webhook_delivery_test.cpp
  )
  target_include_directories(bcsim_server_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/src)
  target_link_libraries(bcsim_server_tests PRIVATE bcsim_server PkgConfig::HTTPLIB yaml-cpp
    GTest::gtest_main GTest::gmock bcsim_warnings)
  target_compile_definitions(bcsim_server_tests PRIVATE
    BCSIM_FIXTURES_DIR="${PROJECT_SOURCE_DIR}/fixtures"
    BCSIM_SERVE_BINARY="$<TARGET_FILE:bcsim-serve>")
  add_dependencies(bcsim_server_tests bcsim-serve)  # SIGTERM test runs the real `serve`
  gtest_discover_tests(bcsim_server_tests DISCOVERY_TIMEOUT 30 PROPERTIES LABELS unit)
endif()
