#include "validate/duplicate_index.hpp"

#include <cstring>
#include <optional>
#include <string>

#include "core/hash.hpp"
#include "core/zeroed_array.hpp"
#include "validate/duplicate_key.hpp"

namespace did::validate {
namespace {

constexpr size_t kBlockSize = size_t{4} << 20;
constexpr size_t kLineBytes = 5;  // 40 bits: a trillion lines

// The high hash bits choose the partition, the low ones the slot, the middle ones the tag.
inline size_t PartitionOf(uint64_t hash, size_t partitions) {
    return static_cast<size_t>(((hash >> 32) * partitions) >> 32);
}
inline uint64_t TagOf(uint64_t hash) {
    return (hash >> 8) & 0xFFFFFF;
}

}  // namespace

// Open addressing over 8-byte slots: a 24-bit tag from the hash and the 40-bit position of
// the entry (+1, so 0 marks an empty slot). Entries live in 4 MiB blocks: the line the pair
// was first seen on (5 bytes), the key's size (varint) and the key. Small slots and entries
// matter: this index is most of the memory a large file costs.
struct DuplicateIndex::Partition {
    core::ZeroedArray<uint64_t> slots = core::ZeroedArray<uint64_t>(1024);
    std::vector<core::ZeroedArray<char>> blocks;
    std::vector<size_t> block_sizes;
    size_t used = kBlockSize;  // in the last block; forces a first allocation
    uint64_t count = 0;

    const char* Entry(uint64_t position) const { return blocks[position / kBlockSize].data() + position % kBlockSize; }

    uint64_t Store(std::string_view key, uint64_t line) {
        char header[kLineBytes + 10];  // the line, then the key's size as a varint
        for (size_t i = 0; i < kLineBytes; ++i) header[i] = static_cast<char>((line >> (8 * i)) & 0xFF);
        size_t header_size = kLineBytes;
        for (uint64_t size = key.size();; size >>= 7) {
            header[header_size++] = static_cast<char>((size & 0x7F) | (size >= 0x80 ? 0x80 : 0));
            if (size < 0x80) break;
        }
        const size_t need = header_size + key.size();
        if (blocks.empty() || used + need > block_sizes.back()) {
            // An oversized key gets a block of its own, rounded up to whole blocks so that
            // positions stay block-aligned.
            const size_t block = (need + kBlockSize - 1) / kBlockSize * kBlockSize;
            for (size_t b = kBlockSize; b < block; b += kBlockSize) {  // placeholders keep the arithmetic simple
                blocks.emplace_back();
                block_sizes.push_back(0);
            }
            blocks.emplace_back(block);
            block_sizes.push_back(block);
            used = 0;
        }
        char* at = blocks.back().data() + used;
        std::memcpy(at, header, header_size);
        std::memcpy(at + header_size, key.data(), key.size());
        const uint64_t position = (blocks.size() - 1) * kBlockSize + used;
        used += need;
        if (used > kBlockSize) used = block_sizes.back();  // an oversized block holds one key only
        return position;
    }

    void Grow() { Resize(slots.size() * 2); }

    void Resize(size_t size) {
        const core::ZeroedArray<uint64_t> old = std::move(slots);
        slots = core::ZeroedArray<uint64_t>(size);
        const size_t mask = slots.size() - 1;
        for (uint64_t slot : old) {
            if (slot == 0) continue;
            // The slot index came from the low hash bits, which the slot no longer holds:
            // rehash from the stored key.
            const char* entry = Entry((slot & 0xFFFFFFFFFFULL) - 1) + kLineBytes;
            const auto size_of_key = static_cast<size_t>(ReadVarint(entry));
            size_t i = core::HashBytes(entry, size_of_key) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = slot;
        }
    }

    // Returns the first line when the key was seen before; otherwise remembers it.
    std::optional<uint64_t> Insert(uint64_t hash, std::string_view key, uint64_t line) {
        if ((count + 1) * 10 > slots.size() * 7) Grow();
        const size_t mask = slots.size() - 1;
        const uint64_t tag = TagOf(hash);
        for (size_t i = hash & mask;; i = (i + 1) & mask) {
            const uint64_t slot = slots[i];
            if (slot == 0) {
                slots[i] = (tag << 40) | (Store(key, line) + 1);
                ++count;
                return std::nullopt;
            }
            if ((slot >> 40) != tag) continue;
            const char* entry = Entry((slot & 0xFFFFFFFFFFULL) - 1);
            uint64_t first = 0;
            for (size_t b = 0; b < kLineBytes; ++b)
                first |= static_cast<uint64_t>(static_cast<uint8_t>(entry[b])) << (8 * b);
            const char* p = entry + kLineBytes;
            const auto stored_size = static_cast<size_t>(ReadVarint(p));
            if (stored_size == key.size() && std::memcmp(p, key.data(), key.size()) == 0) return first;
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
            if (auto first =
                    p.Insert(key.hash, std::string_view(chunk.key_arena).substr(key.key_offset, key.key_size), line)) {
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
        total += p->slots.size() * sizeof(uint64_t);
        for (size_t s : p->block_sizes) total += s;
    }
    return total;
}

}  // namespace did::validate
