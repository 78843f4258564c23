# A test that cannot run fails (never skips) and says why:  cmake -DWHY=... -P fail.cmake
message(FATAL_ERROR "${WHY}")
