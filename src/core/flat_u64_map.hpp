// FlatU64Map: a read-mostly hash map from non-zero 64-bit keys to small values, built once
// and then looked up on the hot path (catalogue codes per record). Open addressing with
// linear probing over one array; not thread-safe to modify, safe to read from many threads.
#pragma once

#include <cstdint>
#include <vector>

namespace did::core {

template <class Value>
class FlatU64Map {
  public:
    // Inserts or overwrites. Key 0 marks an empty slot and cannot be stored.
    void Put(uint64_t key, Value value) {
        if ((size_ + 1) * 2 > slots_.size()) Grow();
        Slot& slot = Probe(key);
        if (slot.key == 0) ++size_;
        slot = {key, value};
    }

    // The value stored under `key`, inserted value-initialised when missing.
    Value& FindOrInsert(uint64_t key) {
        if ((size_ + 1) * 2 > slots_.size()) Grow();
        Slot& slot = Probe(key);
        if (slot.key == 0) {
            slot.key = key;
            slot.value = Value{};
            ++size_;
        }
        return slot.value;
    }

    // Calls visit(key, value) for every entry, in no particular order.
    template <class Visit>
    void ForEach(Visit&& visit) const {
        for (const Slot& slot : slots_) {
            if (slot.key != 0) visit(slot.key, slot.value);
        }
    }

    const Value* Find(uint64_t key) const {
        if (key == 0 || slots_.empty()) return nullptr;
        const size_t mask = slots_.size() - 1;
        for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
            const Slot& slot = slots_[i];
            if (slot.key == key) return &slot.value;
            if (slot.key == 0) return nullptr;
        }
    }

    size_t size() const { return size_; }

  private:
    struct Slot {
        uint64_t key = 0;
        Value value{};
    };

    static size_t Mix(uint64_t key) {
        key ^= key >> 33;
        key *= 0xff51afd7ed558ccdULL;
        key ^= key >> 33;
        return static_cast<size_t>(key);
    }

    Slot& Probe(uint64_t key) {
        const size_t mask = slots_.size() - 1;
        for (size_t i = Mix(key) & mask;; i = (i + 1) & mask) {
            if (slots_[i].key == key || slots_[i].key == 0) return slots_[i];
        }
    }

    void Grow() {
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
        size_ = 0;
        for (const Slot& slot : old) {
            if (slot.key != 0) Put(slot.key, slot.value);
        }
    }

    std::vector<Slot> slots_;
    size_t size_ = 0;
};

}  // namespace did::core
