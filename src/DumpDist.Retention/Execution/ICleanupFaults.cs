namespace DumpDist.Retention.Execution;

/// <summary>Test hooks: where a crash is injected to prove that the next pass finishes the job.</summary>
internal interface ICleanupFaults
{
    /// <summary>After an entry was renamed into the trash, before anything is deleted.</summary>
    void AfterMove(string relativePath);

    /// <summary>After the first file of a trash entry was deleted.</summary>
    void AfterFirstDeletedFile(string trashEntry);
}
