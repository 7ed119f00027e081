from functools import wraps

from django.core.exceptions import PermissionDenied

from organisation.roles import Capability


def capability_required(*capabilities: Capability):
    """Let a view run only for users holding every named capability; others get 403.

    Login itself is enforced for every view by LoginRequiredMiddleware. Which objects the view may
    touch is still decided by `organisation.scoping` (404 outside scope).
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not all(request.user.can(c) for c in capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
