# WRONG, to show the solver's counterexample: sort3_sbb.s without the sign flips, so it
# sorts in unsigned order and puts negative values last:
#   superopt verify --task sort3 data/handwritten/sort3_unsigned_wrong.s
	.text
	.globl	sort3_unsigned
	.type	sort3_unsigned, @function
sort3_unsigned:
	mov	(%rdi), %eax
	mov	4(%rdi), %ecx
	mov	8(%rdi), %esi
	cmp	%eax, %ecx		# (eax, ecx): CF = ecx < eax
	sbb	%edx, %edx		# edx = CF ? -1 : 0
	mov	%eax, %r8d
	xor	%ecx, %r8d
	and	%edx, %r8d
	xor	%r8d, %eax
	xor	%r8d, %ecx
	cmp	%ecx, %esi		# (ecx, esi)
	sbb	%edx, %edx
	mov	%ecx, %r8d
	xor	%esi, %r8d
	and	%edx, %r8d
	xor	%r8d, %ecx
	xor	%r8d, %esi
	cmp	%eax, %ecx		# (eax, ecx)
	sbb	%edx, %edx
	mov	%eax, %r8d
	xor	%ecx, %r8d
	and	%edx, %r8d
	xor	%r8d, %eax
	xor	%r8d, %ecx
	mov	%eax, (%rdi)
	mov	%ecx, 4(%rdi)
	mov	%esi, 8(%rdi)
	ret
	.size	sort3_unsigned, .-sort3_unsigned
