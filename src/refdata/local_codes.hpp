// LocalCodes: the local examination codes one provider has notified, each standing for a
// NICIP code. A record may carry such a code in the NICIP column; any other unknown code is
// refused (DIDS057). Built once, then read-only: safe to share between threads.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "refdata/nicip_catalogue.hpp"

namespace did::refdata {

class LocalCodes {
  public:
    // `local_code,nicip_code` rows, with or without that header row. Refuses the whole list,
    // naming each bad line, when a NICIP code is unknown, a local code is also a NICIP code,
    // or a local code is given twice with different meanings.
    static core::Result<LocalCodes> Parse(std::string_view csv_text, const NicipCatalogue& catalogue);

    void Add(std::string local_code, const NicipEntry& entry) { codes_[std::move(local_code)] = &entry; }

    // The catalogue entry a notified local code stands for, or nullptr.
    const NicipEntry* Find(std::string_view local_code) const {
        if (codes_.empty()) return nullptr;
        const auto it = codes_.find(std::string(local_code));
        return it == codes_.end() ? nullptr : it->second;
    }

    size_t size() const { return codes_.size(); }
    bool empty() const { return codes_.empty(); }

  private:
    std::unordered_map<std::string, const NicipEntry*> codes_;
};

}  // namespace did::refdata
