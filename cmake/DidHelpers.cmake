# Helpers that declare each layer's library, its dependencies and its tests in one place,
# so every target gets the same warnings and sanitizer flags.

set(DID_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion)
if(DID_WERROR)
    list(APPEND DID_WARNINGS -Werror)
endif()

function(did_apply_flags target)
    target_compile_options(${target} PRIVATE ${DID_WARNINGS})
    if(DID_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=${DID_SANITIZE} -fno-omit-frame-pointer
                                                 -fno-sanitize-recover=all)
        target_link_options(${target} PRIVATE -fsanitize=${DID_SANITIZE})
    endif()
    if(DID_BUILD_FUZZERS)
        # Coverage instrumentation for every library the fuzz targets link.
        target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
endfunction()

# did_library(NAME SOURCES a.cpp b.cpp DEPS other_lib)
function(did_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src ${PROJECT_BINARY_DIR}/generated)
    target_link_libraries(${name} PUBLIC ${ARG_DEPS})
    did_apply_flags(${name})
endfunction()

# did_test(NAME SOURCES a_test.cpp DEPS lib)
function(did_test name)
    if(NOT DID_BUILD_TESTS)
        return()
    endif()
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
    target_compile_definitions(${name} PRIVATE DID_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    did_apply_flags(${name})
    gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
endfunction()

# did_benchmark(NAME SOURCES a_benchmark.cpp DEPS lib)
function(did_benchmark name)
    if(NOT DID_BUILD_BENCHMARKS)
        return()
    endif()
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark benchmark::benchmark_main)
    did_apply_flags(${name})
endfunction()

# Turns a data file into a C++ source that defines `std::string_view NAME()` in namespace NS,
# so the shipped reference data travels inside the binary.
function(did_embed_file input output ns fn)
    add_custom_command(
        OUTPUT ${output}
        COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${output} -DNS=${ns} -DFN=${fn}
                -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake
        DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/EmbedFile.cmake
        COMMENT "Embedding ${input}")
endfunction()
