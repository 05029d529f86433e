"""Cloud settings named in words: resources open to the public, ingress from anywhere, storage without
encryption, IAM policies with wildcard actions — in Terraform, CloudFormation/SAM, serverless.yml,
Kubernetes manifests and CDK code."""

from __future__ import annotations

from scopeguard.agents.shapes.construct_kinds import IAC, Construct, regex

CLOUD_CONSTRUCTS: tuple[Construct, ...] = (
    Construct(
        "no-public-access",
        "other-checkable",
        r"\bpublic(?:ly)?\s+(?:access\w*|internet|read\w*|ips?|exposure)\b"
        r"|\bexpos\w*\b[^.;]{0,30}\b(?:to\s+)?(?:the\s+)?(?:public|internet)\b",
        (
            regex(
                IAC,
                r"(?i)\bpublicly_?accessible\W{1,4}true\b"
                r"|\b(?:block_?public_?(?:acls|policy)|restrict_?public_?buckets|ignore_?public_?acls)\W{1,4}false\b"
                r"|\bpublic-read(?:-write)?\b|\bAccessControl\W{1,4}PublicRead"
                r"|\b(?:map_public_ip_on_launch|associate_public_ip_address)\W{1,4}true\b",
            ),
        ),
        required=r"\bblock\s+(?:all\s+)?public\s+access\b|\bprivate\s+(?:subnets?|access)\b",
    ),
    Construct(
        "no-open-ingress",
        "other-checkable",
        r"0\.0\.0\.0/0|\bopen\s+(?:ingress|ports?)\b|\b(?:ingress|inbound)\s+from\s+(?:anywhere|everywhere)\b",
        (regex(IAC, r"(?<![\d.])0\.0\.0\.0/0\b|[\x22\x27\s\[]::/0\b"),),
        required=r"\bminimi[sz]e\s+open\s+ports\b|\brestrict\w*\s+(?:ingress|inbound)\b",
    ),
    Construct(
        "no-unencrypted-storage",
        "other-checkable",
        r"\bunencrypted\b|\b(?:disabl\w+|turn\w*\s+off|without)\s+(?:\w+\s+){0,2}encryption\b",
        (
            regex(
                IAC,
                r"(?i)\b(?:storage_?)?encrypted\W{1,4}false\b|\bsse_?enabled\W{1,4}false\b"
                r"|\bencryption\W{1,4}(?:false|none|disabled)\b",
            ),
        ),
        required=r"\b(?:enable|enabled|require|required|ensure)\s+(?:\w+\s+){0,2}encryption\b"
        r"|\b(?:always|must)\s+(?:be\s+)?encrypt\w*\b[^.;]{0,30}\b(?:rds|ebs|s3|buckets?|volumes?|disks?|"
        r"databases?|storage|tables?)\b",
    ),
    Construct(
        "no-wildcard-iam",
        "other-checkable",
        r"\bwildcard\s+(?:iam\s+)?(?:permissions?|actions?|policies|polic(?:y|ies))\b|\b(?:iam|action)\b[^.;]*`?\*`?",
        (
            regex(
                IAC,
                r"(?i)\b(?:actions?|NotAction)\W{1,6}\*[\x22\x27]",
            ),
        ),
        required=r"\bleast[- ]privilege\b",
        note="least privilege is read as no wildcard '*' action in an IAM policy",
    ),
)
