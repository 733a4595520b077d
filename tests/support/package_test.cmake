# Installs steppe into a scratch prefix, builds examples/consumer against it with
# find_package(steppe), runs it and checks its hits.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
# Libraries built with sanitizers (STEPPE_SANITIZE) need a consumer linked with them too.
set(sanitize_flags "")
if(SANITIZE)
  set(sanitize_flags -DCMAKE_CXX_FLAGS=-fsanitize=${SANITIZE}
                     -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=${SANITIZE})
endif()
run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/consumer -B ${WORK_DIR}/build -G Ninja
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH=${prefix} ${sanitize_flags})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run(${WORK_DIR}/build/consumer ${WORK_DIR}/index rivers)
message(STATUS "consumer printed:\n${out}")
if(NOT out MATCHES "steppe" OR NOT out MATCHES "taiga" OR out MATCHES "desert")
  message(FATAL_ERROR "unexpected hits from the consumer")
endif()
if(NOT out MATCHES "\\[rivers\\]")
  message(FATAL_ERROR "the match was not highlighted")
endif()

# The pkg-config file points into the same installed tree.
find_program(PKG_CONFIG pkg-config)
if(PKG_CONFIG)
  set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
  run(${PKG_CONFIG} --cflags --libs steppe)
  if(NOT out MATCHES "-lsteppe_searcher" OR NOT out MATCHES "prefix/lib")
    message(FATAL_ERROR "steppe.pc does not point into the installed tree: ${out}")
  endif()
endif()
