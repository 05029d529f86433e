package assets

import "github.com/example/assets/pkg/model/model"

// List returns the assets whose status matches.
func List(all []model.Asset, status string) []model.Asset {
	var out []model.Asset
	for _, a := range all {
		if a.Status == status {
			out = append(out, a)
		}
	}
	return out
}
