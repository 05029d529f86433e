"""Infrastructure as code: CloudFormation/SAM, serverless.yml and OpenAPI (``analyser``), Terraform
(``terraform``). Importing this package loads no parser; PyYAML and python-hcl2 are imported only when
a file of their kind is analysed."""
