# Runs CMD and checks its exit status is RC and its output matches every regex in PATTERNS.
#   cmake "-DCMD=prog;arg;..." -DRC=1 "-DPATTERNS=re1;re2" -P expect_exit.cmake
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc STREQUAL "${RC}")
  message(FATAL_ERROR "expected exit status ${RC}, found ${rc}")
endif()
foreach(p IN LISTS PATTERNS)
  if(NOT "${out}${err}" MATCHES "${p}")
    message(FATAL_ERROR "output does not match: ${p}")
  endif()
endforeach()
