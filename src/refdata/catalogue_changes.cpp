#include "refdata/catalogue_changes.hpp"

namespace did::refdata {

CatalogueChanges CompareCatalogues(const NicipCatalogue& before, const NicipCatalogue& after) {
    CatalogueChanges changes;
    changes.codes = after.size();
    changes.before = before.size();
    for (const NicipEntry& entry : after.entries()) {
        const NicipEntry* was = before.FindNicip(entry.code);
        if (was == nullptr) {
            ++changes.added;
        } else if (was->snomed != entry.snomed) {
            ++changes.remapped;
        }
        if (entry.nicip_retired_on) ++changes.retired;
    }
    for (const NicipEntry& entry : before.entries()) {
        if (after.FindNicip(entry.code) == nullptr) ++changes.removed;
    }
    return changes;
}

}  // namespace did::refdata
