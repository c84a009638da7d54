"""Upload an exported dataset folder to the Hugging Face Hub with ``huggingface_hub``.

The folder is checked first (card and files agree, a licence is set), the token comes from
``HF_TOKEN`` or the stored login (never from the command line), and the upload is one commit
that also deletes shards of an earlier upload that the card no longer lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from huggingface_hub import HfApi, get_token
from huggingface_hub.errors import HfHubHTTPError, HFValidationError, HTTPError
from huggingface_hub.utils import validate_repo_id

from ..errors import ZhcorpusError
from .verify import CARD_NAME, check_export, listed_files

DELETE_PATTERNS = ["*/*.parquet"]  # remote shards not in this upload are removed in the same commit


class PushError(ZhcorpusError):
    """The upload could not be made (no token, a folder that fails its check, the Hub said no)."""


@dataclass
class PushPlan:
    """What an upload sends: the repo, its visibility and the files (relative to the folder)."""

    repo_id: str
    folder: Path
    private: bool
    files: list[str]


def plan_push(folder: Path, repo_id: str, *, private: bool = False) -> PushPlan:
    """Check *folder* and list what would be uploaded; raises PushError on any problem."""
    folder = Path(folder)
    try:
        validate_repo_id(repo_id)
    except HFValidationError as exc:
        raise PushError(f"{repo_id!r} is not a valid repo id: {str(exc).split('. ')[0]}") from None
    problems = check_export(folder)
    if problems:
        raise PushError(f"{folder}: not uploaded, the export has problems: " + "; ".join(problems))
    files = sorted({CARD_NAME, *listed_files(folder)})
    return PushPlan(repo_id=repo_id, folder=folder, private=private, files=files)


def push_hf(folder: Path, repo_id: str, *, private: bool = False, api: HfApi | None = None,
            token: str | None = None, commit_message: str | None = None) -> str:
    """Create the dataset repo if needed and upload the folder; returns the commit URL."""
    plan = plan_push(folder, repo_id, private=private)
    token = token or get_token()
    if not token:
        raise PushError("no Hugging Face token: set HF_TOKEN or log in with `hf auth login`")
    api = api or HfApi()
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True, token=token)
        info = api.upload_folder(
            repo_id=repo_id, repo_type="dataset", folder_path=str(plan.folder), token=token,
            commit_message=commit_message or f"Upload dataset ({len(plan.files)} files)",
            allow_patterns=plan.files, delete_patterns=DELETE_PATTERNS,
        )
    except HfHubHTTPError as exc:
        raise PushError(f"{repo_id}: the Hub refused the upload: {str(exc).splitlines()[0]}") from None
    except (OSError, HTTPError) as exc:  # offline mode, no route to the Hub, timeouts
        raise PushError(f"{repo_id}: cannot reach the Hub: {exc}") from None
    return str(getattr(info, "commit_url", info))
