# Every file here is a mistaken scenario from the "every check can fail" work. Its first line
# says `# refused: TEXT`; both `bcsim validate` and `bcsim run` must refuse it (exit 1) with a
# message containing TEXT, and `run` must not start it.
#   cmake -DBCSIM=... -DFILE=... -P check_refused.cmake
file(STRINGS ${FILE} first LIMIT_COUNT 1)
string(REGEX REPLACE "^# refused: " "" want "${first}")
foreach(cmd validate run)
  execute_process(COMMAND ${BCSIM} ${cmd} ${FILE} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${cmd}: ${out}${err}")
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "expected bcsim ${cmd} to exit 1, found ${rc}")
  endif()
  string(FIND "${out}" "${want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "bcsim ${cmd} did not say: ${want}")
  endif()
  if(cmd STREQUAL run AND NOT out MATCHES "\n0 passed, 1 failed\n$")
    message(FATAL_ERROR "bcsim run should count the file as one failure")
  endif()
endforeach()
