namespace EcrPublicLambda.Configuration;

/// <summary>The operators of a Kubernetes label selector requirement (<c>&gt;</c> and <c>&lt;</c> are not supported).</summary>
public enum LabelOperator
{
    /// <summary><c>k=v</c> or <c>k==v</c>: the label is present with that value.</summary>
    Equals,

    /// <summary><c>k!=v</c>: the label is absent or has another value.</summary>
    NotEquals,

    /// <summary><c>k in (a,b)</c>: the label is present with one of the values.</summary>
    In,

    /// <summary><c>k notin (a,b)</c>: the label is absent or has none of the values.</summary>
    NotIn,

    /// <summary><c>k</c>: the label is present.</summary>
    Exists,

    /// <summary><c>!k</c>: the label is absent.</summary>
    DoesNotExist,
}
