# Runs COMMAND (arguments separated by |); passes only if it exits with EXPECTED_EXIT and its
# output matches EXPECTED_OUTPUT: "fails" must mean "failed for the reason we planted", not
# "the server did not start".
#   cmake -DCOMMAND="prog|arg|arg" -DEXPECTED_EXIT=1 -DEXPECTED_OUTPUT=regex -P expect_exit.cmake
string(REPLACE "|" ";" command "${COMMAND}")
execute_process(COMMAND ${command} RESULT_VARIABLE exit_code OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
message("${output}")
if(NOT exit_code STREQUAL "${EXPECTED_EXIT}")
  message(FATAL_ERROR "exit code ${exit_code}, expected ${EXPECTED_EXIT}")
endif()
if(NOT output MATCHES "${EXPECTED_OUTPUT}")
  message(FATAL_ERROR "output does not match: ${EXPECTED_OUTPUT}")
endif()
