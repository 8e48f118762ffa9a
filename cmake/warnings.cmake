# Warnings apply to kosh's own targets only; third-party headers come in as SYSTEM.
function(kosh_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor -Wold-style-cast -Wno-missing-field-initializers)
  if(KOSH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
