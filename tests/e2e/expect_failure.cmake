# Runs `bcsim run` on a scenario that must FAIL and checks what it says.
#   cmake -DBCSIM=... -DSCENARIO=... -DJUNIT=... -DXSD=... -P expect_failure.cmake
execute_process(
  COMMAND ${BCSIM} run --junit ${JUNIT} ${SCENARIO}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(rc EQUAL 0)
  message(FATAL_ERROR "expected bcsim run to fail, it exited 0")
endif()
set(patterns
  "FAIL broken-expectation: [^\n]*broken-expectation.yaml:11:5: expect: [^\n]*broken-expectation.yaml:12:14: tasks: expected task \"Fix footer\" for uma, found active \\[Login button misaligned, Proofread, Review plan, Write copy\\]"
  "step [^\n]*broken-expectation.yaml:11:5: expect tasks"
  "last requests:\n"
  "\\[browser uma\\] GET http://127.0.0.1:[0-9]+/"
  "\n0 passed, 1 failed\n$")
foreach(p IN LISTS patterns)
  if(NOT out MATCHES "${p}")
    message(FATAL_ERROR "output does not match: ${p}")
  endif()
endforeach()
if(out MATCHES "t-uma|bc-uma|tracker-secret")
  message(FATAL_ERROR "a secret appears in the output")
endif()
find_program(XMLLINT xmllint)
if(XMLLINT)
  execute_process(COMMAND ${XMLLINT} --noout --schema ${XSD} ${JUNIT} RESULT_VARIABLE xrc)
  if(NOT xrc EQUAL 0)
    message(FATAL_ERROR "the JUnit report does not validate against ${XSD}")
  endif()
endif()
