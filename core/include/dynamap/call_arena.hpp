#pragma once
// Memory for one engine call. A call builds and drops thousands of small JSON nodes (every
// AttributeValue is an object of one key), and malloc/free were a fifth of its instructions.
// While a call_scope is open, small allocations are carved from 64 KiB chunks by moving a
// pointer; a chunk is reused or freed when the last block in it is deleted, so memory that
// outlives the call (the reply text, a lazily built static) stays valid, only pinning its chunk.
//
// The arena replaces the global operator new/delete, so it is compiled in only where
// DYNAMAP_CALL_ARENA is defined (the release builds); sanitizer and fuzzer builds keep the
// allocator they instrument, and there call_scope does nothing.
#include <cstddef>

namespace dynamap {

// Scopes nest; the arena is in use while any is open on this thread.
class call_scope {
 public:
  call_scope();
  ~call_scope();
  call_scope(const call_scope&) = delete;
  call_scope& operator=(const call_scope&) = delete;
};

// For tests: whether the arena is compiled in, and how many chunks it holds right now.
bool call_arena_enabled();
std::size_t call_arena_chunks();

}  // namespace dynamap
