package model

import "github.com/example/assets/pkg/model/registry"

// Asset is something the organisation owns: a host, a domain, a repository.
type Asset struct {
	registry.BaseModel
	Name   string `json:"name"`
	Status string `json:"status"`
}

func init() {
	registry.Registry.MustRegisterModel(&Asset{})
}
