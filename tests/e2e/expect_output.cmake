# Runs bcsim with ARGS (a ;-list) and checks its exit code and output.
#   cmake -DBCSIM=... "-DARGS=run;x.yaml" -DRC=1 "-DPATTERNS=re1;re2" [-DABSENT=re] -P expect_output.cmake
execute_process(COMMAND ${BCSIM} ${ARGS} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL RC)
  message(FATAL_ERROR "expected exit code ${RC}, found ${rc}")
endif()
foreach(p IN LISTS PATTERNS)
  string(FIND "${out}${err}" "${p}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "output does not contain: ${p}")
  endif()
endforeach()
