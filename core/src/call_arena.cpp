#include "dynamap/call_arena.hpp"

#ifdef DYNAMAP_CALL_ARENA
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#endif

namespace dynamap {

#ifdef DYNAMAP_CALL_ARENA

namespace {

constexpr std::size_t align = 16;                // what malloc guarantees for max_align_t
constexpr std::size_t chunk_bytes = 64 * 1024;
constexpr std::size_t largest_carved = 2048;     // larger blocks are few: malloc keeps them

// A chunk's `refs` counts its live blocks, plus one while it is the thread's current chunk. The
// last one to drop a reference frees it, whichever thread that is; only the owning thread carves.
struct alignas(align) chunk {
  std::atomic<std::size_t> refs{1};
  std::size_t used = 0;
};
constexpr std::size_t chunk_data = chunk_bytes - sizeof(chunk);

// Every block starts with the chunk it came from, or nullptr for a malloc'd block.
struct alignas(align) block_header {
  chunk* owner;
};

struct arena_state {
  int depth = 0;            // open call_scopes on this thread
  chunk* current = nullptr;
};
thread_local arena_state arena;
std::atomic<std::size_t> chunks_alive{0};

char* data_of(chunk* c) { return reinterpret_cast<char*>(c + 1); }

void drop(chunk* c) {
  if (c->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    c->~chunk();
    std::free(c);
    chunks_alive.fetch_sub(1, std::memory_order_relaxed);
  }
}

void* from_malloc(std::size_t size) {
  void* raw = std::malloc(sizeof(block_header) + size);
  if (raw == nullptr) return nullptr;
  static_cast<block_header*>(raw)->owner = nullptr;
  return static_cast<block_header*>(raw) + 1;
}

void* carve(std::size_t size) {
  const std::size_t need = sizeof(block_header) + ((size + align - 1) & ~(align - 1));
  chunk* c = arena.current;
  // Only the current-chunk reference left: every block in it is gone, so it starts over.
  if (c != nullptr && c->refs.load(std::memory_order_acquire) == 1) c->used = 0;
  if (c == nullptr || c->used + need > chunk_data) {
    void* raw = std::malloc(chunk_bytes);
    if (raw == nullptr) return nullptr;
    chunks_alive.fetch_add(1, std::memory_order_relaxed);
    if (c != nullptr) drop(c);  // its blocks keep it alive until they go
    c = arena.current = new (raw) chunk();
  }
  auto* header = reinterpret_cast<block_header*>(data_of(c) + c->used);
  c->used += need;
  c->refs.fetch_add(1, std::memory_order_relaxed);
  header->owner = c;
  return header + 1;
}

void* allocate(std::size_t size) {
  if (size == 0) size = 1;
  return arena.depth > 0 && size <= largest_carved ? carve(size) : from_malloc(size);
}

void deallocate(void* p) noexcept {
  if (p == nullptr) return;
  block_header* header = static_cast<block_header*>(p) - 1;
  if (header->owner == nullptr) std::free(header);
  else drop(header->owner);
}

}  // namespace

call_scope::call_scope() { ++arena.depth; }

call_scope::~call_scope() { --arena.depth; }

bool call_arena_enabled() { return true; }

std::size_t call_arena_chunks() { return chunks_alive.load(std::memory_order_relaxed); }

#else  // the allocator the build instruments stays in place

call_scope::call_scope() = default;
call_scope::~call_scope() = default;
bool call_arena_enabled() { return false; }
std::size_t call_arena_chunks() { return 0; }

#endif

}  // namespace dynamap

#ifdef DYNAMAP_CALL_ARENA

// The replaceable global allocation functions (all of them, so that no form bypasses the header).
void* operator new(std::size_t size) {
  void* p = dynamap::allocate(size);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return dynamap::allocate(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return dynamap::allocate(size); }
void operator delete(void* p) noexcept { dynamap::deallocate(p); }
void operator delete[](void* p) noexcept { dynamap::deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { dynamap::deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { dynamap::deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { dynamap::deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { dynamap::deallocate(p); }

#endif
