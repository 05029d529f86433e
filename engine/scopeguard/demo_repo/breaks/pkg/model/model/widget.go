package model

import "github.com/example/assets/pkg/model/registry"

// Widget is a new kind of thing the service stores.
type Widget struct {
	registry.BaseModel
	Label string `json:"label"`
}

func init() {
	registry.Registry.MustRegisterModel(&Widget{})
}
