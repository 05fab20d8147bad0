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
get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
if(multi_config)
  message(STATUS "Wide vector units: off (a multi-config generator; build them with Makefiles or Ninja)")
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
string(REPLACE ";" "|" wide_prefix_path "${CMAKE_PREFIX_PATH}")
foreach(units avx2 avx512)
  ExternalProject_Add(convneat_${units}
    SOURCE_DIR "${PROJECT_SOURCE_DIR}"
    BINARY_DIR "${PROJECT_BINARY_DIR}/vector-units/${units}"
    # What the outer build was configured with that shapes the code or finds the libraries.
    LIST_SEPARATOR |
    CMAKE_ARGS
      -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
      -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
      -DCMAKE_CXX_COMPILER_LAUNCHER=${CMAKE_CXX_COMPILER_LAUNCHER}
      "-DCMAKE_CXX_FLAGS=${CMAKE_CXX_FLAGS}"
      "-DCMAKE_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}"
      "-DCMAKE_PREFIX_PATH=${wide_prefix_path}"
      -DCONVNEAT_VECTOR_UNITS=${units}
      -DCONVNEAT_BUILD_TESTS=OFF
      -DCONVNEAT_BUILD_BENCH=OFF
      -DCONVNEAT_BUILD_PYTHON=OFF
      -DCONVNEAT_WITH_ONNX=OFF
      -DCONVNEAT_WITH_MPI=${CONVNEAT_WITH_MPI}
    BUILD_COMMAND ${wide_build_command}
    INSTALL_COMMAND ${CMAKE_COMMAND} -E copy_if_different <BINARY_DIR>/experiments/convneat
                    $<TARGET_FILE_DIR:convneat>/convneat-${units}
    BUILD_ALWAYS ON)
  add_dependencies(convneat_commands convneat_${units})
endforeach()
