# superopt search: varsort4, 37 instructions, seed 1
	.text
	.globl	varsort4
	.type	varsort4, @function
	.p2align 6
varsort4:
	mov (%rdi), %eax
	cmp $2, %eax
	mov 4(%rdi), %edx
	jne .Lvarsort4_L3
	mov 8(%rdi), %r9d
	jmp .Lvarsort4_L5
.Lvarsort4_L3:
	jl .Lvarsort4_Lend
	mov 12(%rdi), %esi
	mov %esi, %r9d
	mov 8(%rdi), %ecx
	cmp $4, %eax
	mov %ecx, %r10d
	jne .Lvarsort4_Ln2
	cmp %ecx, %edx
	cmovge %edx, %r10d
	cmovg %ecx, %edx
	cmp %r10d, %esi
	cmovle %r10d, %esi
	mov 16(%rdi), %ecx
	cmovg %r10d, %r9d
	cmp %esi, %ecx
	jg .Lvarsort4_Ln3
	mov %esi, 16(%rdi)
.Lvarsort4_Ln2:
	cmovle %edx, %esi
	cmp %edx, %ecx
	cmovge %ecx, %esi
.Lvarsort4_Ln3:
	cmovl %ecx, %edx
	cmp %esi, %r9d
	cmovne %esi, %eax
	cmovge %r9d, %esi
	mov %esi, 12(%rdi)
.Lvarsort4_L5:
	cmovle %r9d, %eax
	cmp %r9d, %edx
	cmovl %edx, %r9d
	cmovge %edx, %eax
	mov %r9d, 4(%rdi)
	mov %eax, 8(%rdi)
.Lvarsort4_Lend:
	ret
	.size	varsort4, .-varsort4
	.section	.note.GNU-stack,"",@progbits
