# Run at build time (cmake -P, from neat/CMakeLists.txt): writes OUTPUT, a C++ fragment that
# defines the git commit the sources were built from, "<sha1>" or "<sha1>-modified" when tracked
# files differ from it, or "" when SOURCE_DIR is not a git clone (a release tarball) or git is
# missing. The file is rewritten only when that changes, so a build without new commits
# recompiles nothing.
set(commit "")
find_program(GIT_EXECUTABLE git)
if(GIT_EXECUTABLE AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse HEAD
                  OUTPUT_VARIABLE head RESULT_VARIABLE failed OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT failed)
    set(commit "${head}")
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" --no-optional-locks status --porcelain
                            --untracked-files=no
                    OUTPUT_VARIABLE changes RESULT_VARIABLE failed ERROR_QUIET)
    if(NOT failed AND NOT changes STREQUAL "")
      set(commit "${commit}-modified")
    endif()
  endif()
endif()
set(text "// Written by cmake/source-commit.cmake at build time.\n#define CONVNEAT_SOURCE_COMMIT \"${commit}\"\n")
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
else()
  set(old "")
endif()
if(NOT old STREQUAL text)
  file(WRITE "${OUTPUT}" "${text}")
endif()
