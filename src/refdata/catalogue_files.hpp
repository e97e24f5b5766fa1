// The NICIP catalogue file earlier versions imported into the data directory
// (refdata/nicip_catalogue.csv). The catalogue in use now lives in the database (see
// service/catalogue.hpp); this file is honoured only where there is no database, by
// `did validate` without --db or --refdata and by `did generate`, so that a set-up made before
// keeps working. `did refdata import` of the same file moves it into the database.
#pragma once

#include <memory>
#include <string>

#include "core/error.hpp"
#include "refdata/nicip_catalogue.hpp"

namespace did::refdata {

std::string CatalogueFilePath(const std::string& data_dir);

// The data directory's catalogue when it has one, else the shipped one.
core::Result<std::shared_ptr<const NicipCatalogue>> LoadCatalogue(const std::string& data_dir);

}  // namespace did::refdata
