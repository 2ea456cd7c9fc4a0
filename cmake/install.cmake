# `cmake --install`: the C++ package (library, headers, CMake config,
# pkg-config file), the .proto files and the tiqu CLI, each in its own
# component so that a packager takes only what it ships. The Python wheel, for
# one, installs its own component and none of these.
#
#   component  what                                           where
#   library    libtiqu                                        lib/
#   headers    tiqu/*.h and the generated tiqu/v1/*.pb.h      include/
#   cmake      tiquConfig.cmake (tiqu::tiqu), tiqu.pc         lib/cmake/tiqu/, lib/pkgconfig/
#   proto      tiqu/v1/*.proto (protoc -I <prefix>/include)   include/
#   cli        the tiqu command                               bin/
include(CMakePackageConfigHelpers)

set(TIQU_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/tiqu CACHE STRING
    "Where tiquConfig.cmake is installed, relative to the prefix")

install(TARGETS tiqu EXPORT tiquTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT library)
install(DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}/cpp/include/tiqu
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT headers
  FILES_MATCHING PATTERN "*.h")
install(FILES ${TIQU_PROTO_HDRS}
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tiqu/v1 COMPONENT headers)
install(FILES ${TIQU_PROTOS}
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tiqu/v1 COMPONENT proto)
if(TIQU_BUILD_CLI)
  install(TARGETS tiqu_bin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
endif()

install(EXPORT tiquTargets NAMESPACE tiqu:: FILE tiquTargets.cmake
  DESTINATION ${TIQU_INSTALL_CMAKEDIR} COMPONENT cmake)
configure_package_config_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/tiquConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/tiquConfig.cmake
  INSTALL_DESTINATION ${TIQU_INSTALL_CMAKEDIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/tiquConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tiquConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/tiquConfigVersion.cmake
  DESTINATION ${TIQU_INSTALL_CMAKEDIR} COMPONENT cmake)

# tiqu.pc finds its prefix relative to its own directory, so the package stays
# correct when installed with `cmake --install --prefix` somewhere else. A
# static libtiqu needs RE2, ICU and zlib on the consumer's link line too.
file(RELATIVE_PATH TIQU_PC_TO_PREFIX ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" TIQU_PC_TO_PREFIX "${TIQU_PC_TO_PREFIX}")
get_target_property(TIQU_LIBRARY_TYPE tiqu TYPE)
if(TIQU_LIBRARY_TYPE STREQUAL "STATIC_LIBRARY")
  set(TIQU_PC_REQUIRES "protobuf re2 icu-uc icu-i18n zlib")
  set(TIQU_PC_REQUIRES_PRIVATE "")
else()
  set(TIQU_PC_REQUIRES "protobuf")
  set(TIQU_PC_REQUIRES_PRIVATE "re2 icu-uc icu-i18n zlib")
endif()
configure_file(${CMAKE_CURRENT_SOURCE_DIR}/cmake/tiqu.pc.in ${CMAKE_CURRENT_BINARY_DIR}/tiqu.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/tiqu.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT cmake)
