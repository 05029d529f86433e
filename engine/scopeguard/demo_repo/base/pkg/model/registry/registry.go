package registry

import "sync"

// Model is implemented by every tabularium type.
type Model interface {
	GetKey() string
}

// BaseModel carries the fields every model has.
type BaseModel struct {
	Key     string `json:"key"`
	Created string `json:"created"`
}

// GetKey returns the model's key.
func (b *BaseModel) GetKey() string { return b.Key }

type registry struct {
	mu     sync.Mutex
	models map[string]Model
}

// Registry holds every registered model type.
var Registry = &registry{models: map[string]Model{}}

// MustRegisterModel adds a model type to the registry.
func (r *registry) MustRegisterModel(m Model) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.models[m.GetKey()] = m
}
