# `cmake --install BUILD --prefix P`: the libraries, their headers, the convneat command (and
# its wide-vector siblings when built), the shipped configs, and a CMake package, so that
# another project finds it all with find_package(ConvNEAT 0.2 REQUIRED) and links
# ConvNEAT::experiments (docs/library.md). Included after every folder, so the targets exist.
include(CMakePackageConfigHelpers)

set(convneat_libraries genome nets training export neat experiments)
# A library built for wide vector units hands its -march to the programs that link the
# installed package: Eigen's inline code in their files must match the library's.
if(CONVNEAT_VECTOR_UNITS STREQUAL "avx2")
  target_compile_options(convneat_genome INTERFACE $<INSTALL_INTERFACE:-march=x86-64-v3>)
elseif(CONVNEAT_VECTOR_UNITS STREQUAL "avx512")
  target_compile_options(convneat_genome INTERFACE $<INSTALL_INTERFACE:-march=x86-64-v4>)
endif()
foreach(library IN LISTS convneat_libraries)
  set_target_properties(convneat_${library} PROPERTIES EXPORT_NAME ${library})
endforeach()
list(TRANSFORM convneat_libraries PREPEND convneat_ OUTPUT_VARIABLE convneat_library_targets)

install(TARGETS ${convneat_library_targets} EXPORT ConvNEATTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/convneat)
install(TARGETS convneat RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
if(CONVNEAT_HAS_WIDE_BUILDS)
  install(PROGRAMS $<TARGET_FILE_DIR:convneat>/convneat-avx2 $<TARGET_FILE_DIR:convneat>/convneat-avx512
          DESTINATION ${CMAKE_INSTALL_BINDIR})
endif()
# Headers keep their folders ("neat/task.hpp"), under include/convneat/; those of optional
# parts this build lacks (ONNX export, the MPI evaluator) are left out, so a program cannot
# include what it could not link.
set(absent_headers "")
if(NOT CONVNEAT_HAS_ONNX)
  list(APPEND absent_headers PATTERN "onnx_*.hpp" EXCLUDE)
endif()
if(NOT CONVNEAT_HAS_MPI)
  list(APPEND absent_headers PATTERN "mpi_evaluator.hpp" EXCLUDE)
endif()
foreach(library IN LISTS convneat_libraries)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${library}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/convneat/${library}
          FILES_MATCHING PATTERN "*.hpp" PATTERN "configs" EXCLUDE ${absent_headers})
endforeach()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/experiments/configs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/convneat/configs)

set(package_dir ${CMAKE_INSTALL_LIBDIR}/cmake/ConvNEAT)
install(EXPORT ConvNEATTargets NAMESPACE ConvNEAT:: DESTINATION ${package_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/ConvNEATConfig.cmake.in
  ${PROJECT_BINARY_DIR}/ConvNEATConfig.cmake INSTALL_DESTINATION ${package_dir})
# 0.x: a minor version may change the interface, so 0.2 accepts 0.2.* only.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ConvNEATConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/ConvNEATConfig.cmake ${PROJECT_BINARY_DIR}/ConvNEATConfigVersion.cmake
        DESTINATION ${package_dir})
