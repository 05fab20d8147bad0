# convneat-avx2 and convneat-avx512 beside convneat (CMakeLists.txt, "vector units"): this
# same source tree built again for each, in a build tree of its own under vector-units/,
# with only what `convneat run` and `convneat compare` need (no tests, benchmarks or ONNX).
# Built with the project, so /vector_units works from any build; CONVNEAT_WIDE_BUILDS=OFF
# leaves them out (the sanitizer and fuzzing builds do), and then asking for them is an error
# that says so.
set(CONVNEAT_HAS_WIDE_BUILDS OFF)
if(NOT CONVNEAT_WIDE_BUILDS OR NOT CONVNEAT_VECTOR_UNITS STREQUAL "portable")
  return()
endif()
if(NOT CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64)$")
  message(STATUS "Wide vector units: off (not an x86-64 build)")
  return()
endif()
include(CheckCXXCompilerFlag)
check_cxx_compiler_flag(-march=x86-64-v4 CONVNEAT_COMPILER_KNOWS_X86_64_V4)
if(NOT CONVNEAT_COMPILER_KNOWS_X86_64_V4)
  message(STATUS "Wide vector units: off (the compiler does not know -march=x86-64-v3/v4)")
  return()
endif()
set(CONVNEAT_HAS_WIDE_BUILDS ON)
message(STATUS "Wide vector units: convneat-avx2 and convneat-avx512 are built too")

include(ExternalProject)
# Make's $(MAKE) shares the outer build's job slots; other generators get their own.
if(CMAKE_GENERATOR MATCHES "Make")
  set(wide_build_command $(MAKE) convneat)
else()
  set(wide_build_command ${CMAKE_COMMAND} --build <BINARY_DIR> --target convneat --parallel)
endif()
foreach(units avx2 avx512)
  ExternalProject_Add(convneat_${units}
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${PROJECT_BINARY_DIR}/vector-units/${units}"
    CMAKE_ARGS
      -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
      -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
      -DCONVNEAT_VECTOR_UNITS=${units}
      -DCONVNEAT_BUILD_TESTS=OFF
      -DCONVNEAT_BUILD_BENCH=OFF
      -DCONVNEAT_WITH_ONNX=OFF
      -DCONVNEAT_WITH_MPI=${CONVNEAT_WITH_MPI}
    BUILD_COMMAND ${wide_build_command}
    INSTALL_COMMAND ${CMAKE_COMMAND} -E copy_if_different <BINARY_DIR>/experiments/convneat
                    $<TARGET_FILE_DIR:convneat>/convneat-${units}
    BUILD_ALWAYS ON)
endforeach()
