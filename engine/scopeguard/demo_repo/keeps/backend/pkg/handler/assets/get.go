package assets

import "github.com/example/assets/pkg/model/model"

// Get returns the asset with the given name, and whether there is one.
func Get(all []model.Asset, name string) (model.Asset, bool) {
	for _, a := range all {
		if a.Name == name {
			return a, true
		}
	}
	return model.Asset{}, false
}
