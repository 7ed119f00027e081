def capabilities(request):
    """`caps`: what the signed-in user may do, for navigation and buttons (`{% if "manage_school" in caps %}`)."""
    user = getattr(request, "user", None)
    return {"caps": user.capabilities if user is not None and user.is_authenticated else frozenset()}
