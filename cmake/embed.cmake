# kosh_embed_files(OUT_CPP NAMESPACE name FILES a b ...): compiles text files into the
# binary as std::string_view constants so the CLI needs no data directory for them.
function(kosh_embed_files out_cpp)
  cmake_parse_arguments(ARG "" "" "FILES;SYMBOLS" ${ARGN})
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} "-DFILES=${ARG_FILES}" "-DSYMBOLS=${ARG_SYMBOLS}"
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    DEPENDS ${ARG_FILES} ${PROJECT_SOURCE_DIR}/cmake/embed_run.cmake
    COMMENT "Embedding data files into ${out_cpp}"
    VERBATIM)
endfunction()
