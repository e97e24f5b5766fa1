#include "validate/duplicate_index.hpp"

#include <cstring>
#include <optional>

namespace did::validate {
namespace {

constexpr size_t kBlockSize = size_t{4} << 20;  // large blocks: fewer page faults (huge pages)
constexpr size_t kEntryHeader = sizeof(uint64_t) + sizeof(uint32_t);  // first line, key size

// The high hash bits choose the partition (the low ones choose the slot): multiply-shift, no division.
inline size_t PartitionOf(uint64_t hash, size_t partitions) { return static_cast<size_t>(((hash >> 32) * partitions) >> 32); }

}  // namespace

// Open addressing over (hash, location) slots; keys live in 1 MiB blocks, each prefixed by
// the line it was first seen on and its size. Location 0 marks an empty slot.
struct DuplicateIndex::Partition {
    struct Slot {
        uint64_t hash = 0;
        uint64_t location = 0;  // (block << 32 | offset) + 1
    };
    std::vector<Slot> slots = std::vector<Slot>(1024);
    std::vector<std::unique_ptr<char[]>> blocks;
    std::vector<size_t> block_sizes;
    size_t used = kBlockSize;  // in the last block; forces a first allocation
    uint64_t count = 0;

    const char* Entry(uint64_t location) const {
        const uint64_t l = location - 1;
        return blocks[l >> 32].get() + (l & 0xFFFFFFFFu);
    }

    uint64_t Store(const char* key, uint32_t size, uint64_t line) {
        const size_t need = kEntryHeader + size;
        if (blocks.empty() || used + need > block_sizes.back()) {
            const size_t block = need > kBlockSize ? need : kBlockSize;
            blocks.push_back(std::make_unique<char[]>(block));
            block_sizes.push_back(block);
            used = 0;
        }
        char* at = blocks.back().get() + used;
        std::memcpy(at, &line, sizeof line);
        std::memcpy(at + sizeof line, &size, sizeof size);
        std::memcpy(at + kEntryHeader, key, size);
        const uint64_t location = ((static_cast<uint64_t>(blocks.size() - 1) << 32) | used) + 1;
        used += need;
        return location;
    }

    void Grow() { Resize(slots.size() * 2); }

    void Resize(size_t size) {
        std::vector<Slot> old = std::move(slots);
        slots.assign(size, Slot{});
        const size_t mask = slots.size() - 1;
        for (const Slot& s : old) {
            if (s.location == 0) continue;
            size_t i = s.hash & mask;
            while (slots[i].location != 0) i = (i + 1) & mask;
            slots[i] = s;
        }
    }

    // Returns the first line when the key was seen before; otherwise remembers it.
    std::optional<uint64_t> Insert(uint64_t hash, const char* key, uint32_t size, uint64_t line) {
        if ((count + 1) * 10 > slots.size() * 7) Grow();
        const size_t mask = slots.size() - 1;
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = slots[i];
            if (slot.location == 0) {
                slot = {hash, Store(key, size, line)};
                ++count;
                return std::nullopt;
            }
            if (slot.hash != hash) continue;
            const char* entry = Entry(slot.location);
            uint32_t stored_size;
            std::memcpy(&stored_size, entry + sizeof(uint64_t), sizeof stored_size);
            if (stored_size == size && std::memcmp(entry + kEntryHeader, key, size) == 0) {
                uint64_t first;
                std::memcpy(&first, entry, sizeof first);
                return first;
            }
        }
    }
};

DuplicateIndex::DuplicateIndex(size_t partitions) {
    for (size_t i = 0; i < (partitions == 0 ? 1 : partitions); ++i)
        partitions_.push_back(std::make_unique<Partition>());
}

DuplicateIndex::~DuplicateIndex() = default;

void DuplicateIndex::Reserve(uint64_t expected_keys) {
    const uint64_t per_partition = expected_keys / partitions_.size() + 1;
    size_t size = 1024;
    while (size * 7 < per_partition * 10) size *= 2;  // stay under the 70% load the table grows at
    for (auto& p : partitions_) {
        if (p->slots.size() < size) p->Resize(size);
    }
}

void DuplicateIndex::MarkPartition(size_t partition, std::span<ChunkResult* const> chunks,
                                   std::span<const uint64_t> line_base) {
    Partition& p = *partitions_[partition];
    const size_t n = partitions_.size();
    constexpr size_t kLookAhead = 8;  // prefetch distance: hides the cache miss of a random slot
    for (size_t c = 0; c < chunks.size(); ++c) {
        ChunkResult& chunk = *chunks[c];
        std::vector<DuplicateKey>& keys = chunk.keys;
        for (size_t i = 0; i < keys.size(); ++i) {
            if (i + kLookAhead < keys.size()) {
                const uint64_t ahead = keys[i + kLookAhead].hash;
                if (PartitionOf(ahead, n) == partition) __builtin_prefetch(&p.slots[ahead & (p.slots.size() - 1)]);
            }
            DuplicateKey& key = keys[i];
            if (PartitionOf(key.hash, n) != partition) continue;
            const uint64_t line = line_base[c] + key.line;
            if (auto first = p.Insert(key.hash, chunk.key_arena.data() + key.key_offset, key.key_size, line)) {
                key.duplicate = true;
                key.first_line = *first;
            }
        }
    }
}

uint64_t DuplicateIndex::size() const {
    uint64_t total = 0;
    for (const auto& p : partitions_) total += p->count;
    return total;
}

uint64_t DuplicateIndex::bytes() const {
    uint64_t total = 0;
    for (const auto& p : partitions_) {
        total += p->slots.size() * sizeof(Partition::Slot);
        for (size_t s : p->block_sizes) total += s;
    }
    return total;
}

}  // namespace did::validate
